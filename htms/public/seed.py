# ruff: noqa: E501 (prose, one sentence per line)
"""The first text of the awareness pages, in English and Urdu; administrators change it on the
officer site (``/portal/``). Loaded by a data migration."""

SEED = [
    (
        "safe-migration",
        {
            "en": (
                "Going abroad for work safely",
                "Only a promoter licensed by the Bureau of Emigration and Overseas Employment "
                "may send you abroad for work. Check the licence on this site before you pay.\n\n"
                "- Get a written contract that names the employer, the job, the pay and the "
                "hours.\n"
                "- Your visa must be a work visa for that job: a visit visa is not a work visa.\n"
                "- Register with the Bureau of Emigration and get your protector stamp.\n"
                "- Pay only the fee the law allows, against a receipt.\n"
                "- Keep copies of your passport, visa and contract with your family.",
            ),
            "ur": (
                "بیرونِ ملک روزگار کے لیے محفوظ سفر",
                "صرف بیورو آف امیگریشن اینڈ اوورسیز ایمپلائمنٹ سے لائسنس یافتہ پروموٹر ہی آپ کو "
                "روزگار کے لیے بیرونِ ملک بھیج سکتا ہے۔ رقم دینے سے پہلے اس ویب سائٹ پر لائسنس "
                "چیک کریں۔\n\n"
                "- تحریری معاہدہ لیں جس میں آجر، کام، تنخواہ اور اوقات لکھے ہوں۔\n"
                "- آپ کا ویزا اسی کام کا ورک ویزا ہونا چاہیے: وزٹ ویزا ورک ویزا نہیں ہے۔\n"
                "- بیورو آف امیگریشن میں اندراج کروائیں اور پروٹیکٹر کی مہر لگوائیں۔\n"
                "- صرف قانون کے مطابق فیس دیں اور رسید لیں۔\n"
                "- اپنے پاسپورٹ، ویزا اور معاہدے کی نقول گھر والوں کے پاس رکھیں۔",
            ),
        },
    ),
    (
        "warning-signs",
        {
            "en": (
                "Signs of trafficking and fake visa offers",
                "Stop and check if an agent:\n\n"
                "- promises a job abroad with a high salary and no contract;\n"
                "- asks for a large payment in cash, without a receipt;\n"
                "- offers a visit visa for work, or a visa bought from someone;\n"
                "- wants to keep your passport or CNIC;\n"
                "- tells you to lie at the airport or to travel by road or boat;\n"
                "- has no office, only a phone number.\n\n"
                "Abroad, it is trafficking if someone takes your passport, does not let you "
                "leave, makes you work to pay a debt, or threatens you or your family.",
            ),
            "ur": (
                "انسانی اسمگلنگ اور جعلی ویزا پیشکش کی نشانیاں",
                "رُک جائیں اور تصدیق کریں اگر ایجنٹ:\n\n"
                "- بغیر معاہدے کے بیرونِ ملک زیادہ تنخواہ والی نوکری کا وعدہ کرے؛\n"
                "- بغیر رسید کے بڑی رقم نقد مانگے؛\n"
                "- کام کے لیے وزٹ ویزا یا کسی سے خریدا ہوا ویزا پیش کرے؛\n"
                "- آپ کا پاسپورٹ یا شناختی کارڈ اپنے پاس رکھنا چاہے؛\n"
                "- ہوائی اڈے پر جھوٹ بولنے یا سڑک یا کشتی سے سفر کرنے کو کہے؛\n"
                "- اس کا کوئی دفتر نہ ہو، صرف فون نمبر ہو۔\n\n"
                "بیرونِ ملک اگر کوئی آپ کا پاسپورٹ لے لے، آپ کو جانے نہ دے، قرض اتارنے کے لیے کام "
                "کروائے، یا آپ کو یا آپ کے گھر والوں کو دھمکائے تو یہ انسانی اسمگلنگ ہے۔",
            ),
        },
    ),
    (
        "dangerous-routes",
        {
            "en": (
                "Dangerous routes: Iran–Turkey–Greece and Libya–Italy by boat",
                "Smugglers sell journeys to Europe over land through Iran and Turkey to Greece, "
                "and by boat from Libya to Italy. Every year people from Pakistan die on these "
                "routes: in the mountains at the borders, in containers and in boats that sink.\n\n"
                "- Smugglers take the money and leave travellers with kidnappers who ask the "
                "family for more.\n"
                "- Travellers are shot at borders, held in camps, or sent back.\n"
                "- Entering a country this way is a crime there; you can be jailed and deported.\n\n"
                "There is no safe irregular route. If someone offers one, report them.",
            ),
            "ur": (
                "خطرناک راستے: ایران، ترکی، یونان اور لیبیا سے اٹلی کشتی کے ذریعے",
                "اسمگلر یورپ کے لیے ایران اور ترکی کے راستے یونان تک زمینی سفر، اور لیبیا سے اٹلی "
                "تک کشتی کا سفر بیچتے ہیں۔ ہر سال پاکستان کے لوگ ان راستوں پر جان سے جاتے ہیں: "
                "سرحدی پہاڑوں میں، کنٹینروں میں اور ڈوبنے والی کشتیوں میں۔\n\n"
                "- اسمگلر رقم لے کر مسافروں کو اغوا کاروں کے حوالے کر دیتے ہیں جو گھر والوں سے مزید "
                "رقم مانگتے ہیں۔\n"
                "- سرحدوں پر مسافروں پر گولی چلتی ہے، انہیں کیمپوں میں رکھا جاتا ہے یا واپس بھیج "
                "دیا جاتا ہے۔\n"
                "- اس طرح کسی ملک میں داخل ہونا وہاں جرم ہے؛ آپ کو قید اور ملک بدر کیا جا سکتا ہے۔\n\n"
                "کوئی غیر قانونی راستہ محفوظ نہیں۔ اگر کوئی ایسا راستہ پیش کرے تو اس کی اطلاع دیں۔",
            ),
        },
    ),
    (
        "your-rights",
        {
            "en": (
                "Your rights if you were trafficked or smuggled",
                "Under the Prevention of Trafficking in Persons Act 2018 and the Prevention of "
                "Smuggling of Migrants Act 2018:\n\n"
                "- A victim of trafficking is not punished for what the traffickers made them "
                "do.\n"
                "- You may ask for protection, shelter, medical care and legal help.\n"
                "- Your name and identity are kept confidential.\n"
                "- You can make a complaint to the FIA even if you paid the agent.\n\n"
                "Call the FIA help line 111-345-786 or send a report on this site.",
            ),
            "ur": (
                "اگر آپ انسانی اسمگلنگ کا شکار ہوئے ہیں تو آپ کے حقوق",
                "انسدادِ انسانی اسمگلنگ ایکٹ 2018 اور انسدادِ تارکینِ وطن اسمگلنگ ایکٹ 2018 کے "
                "تحت:\n\n"
                "- انسانی اسمگلنگ کے شکار شخص کو اس کام کی سزا نہیں دی جاتی جو اسمگلروں نے اس سے "
                "کروایا۔\n"
                "- آپ تحفظ، پناہ، طبی امداد اور قانونی مدد مانگ سکتے ہیں۔\n"
                "- آپ کا نام اور شناخت خفیہ رکھی جاتی ہے۔\n"
                "- آپ ایف آئی اے کو شکایت کر سکتے ہیں چاہے آپ نے ایجنٹ کو رقم دی ہو۔\n\n"
                "ایف آئی اے ہیلپ لائن 111-345-786 پر کال کریں یا اس ویب سائٹ پر اطلاع بھیجیں۔",
            ),
        },
    ),
]
