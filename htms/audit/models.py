"""The audit log: an append-only, hash-chained record of every write and every sensitive read."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    VIEW = "view", _("Viewed")
    EXPORT = "export", _("Exported")
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    REFUSED = "refused", _("Refused")


class AuditObject(models.TextChoices):
    """What an audit row is about: every ``object_type`` written anywhere is one of these.

    A ``*_list`` or ``*_search`` row names the ids a page, an export or an API answer showed.
    """

    USER = "user", _("User")
    API_TOKEN = "api_token", _("API token")
    OTP_DEVICE = "otp_device", _("Second-factor device")
    DATABASE = "database", _("Database")
    REFERENCE_DATA = "reference_data", _("Reference data")
    CASE = "case", _("Case")
    CASE_LIST = "case_list", _("List of cases")
    CASE_DUPLICATES = "case_duplicates", _("Likely duplicate cases")
    CASE_PARTY = "case_party", _("Party to a case")
    CASE_DOCUMENT = "case_document", _("Case document")
    HEARING = "hearing", _("Hearing")
    STAGE_CHANGE = "stage_change", _("Stage change")
    APPROVAL_LIST = "approval_list", _("Approval queue")
    SAVED_SEARCH = "saved_search", _("Saved search")
    PERSON = "person", _("Person")
    PERSON_LIST = "person_list", _("List of persons")
    PERSON_SEARCH = "person_search", _("Search for persons")
    PERSON_MERGED = "person_merged", _("Merged persons")
    MATCH_LINK = "match_link", _("Possible duplicate")
    REVIEW_QUEUE = "review_queue", _("Duplicate review queue")
    REVIEW_DECISION = "review_decision", _("Duplicate review decision")
    RESOLUTION_RUN = "resolution_run", _("Duplicate search run")
    MANIFEST_SOURCE = "manifest_source", _("Source of passenger lists")
    MANIFEST = "manifest", _("Passenger list")
    MANIFEST_LIST = "manifest_list", _("List of passenger lists")
    MANIFEST_ROW = "manifest_row", _("Passenger list row")
    MANIFEST_ROW_LIST = "manifest_row_list", _("Rows of a passenger list")
    BORDER_EVENT = "border_event", _("Border event")
    BORDER_EVENT_LIST = "border_event_list", _("List of border events")
    SCREENING = "screening", _("Screening interview")
    REFERRAL = "referral", _("Referral")
    LEAD_AGENT = "lead_agent", _("Agent named at the border")
    LEAD_PAYMENT = "lead_payment", _("Payment named at the border")
    LEAD_ROUTE_LEG = "lead_route_leg", _("Route leg named at the border")
    INTAKE_COUNTS = "intake_counts", _("Border intake counts")
    STATISTICS = "statistics", _("Statistics")
    SYNTHETIC_BATCH = "synthetic_batch", _("Synthetic data batch")
    SEALS = "seals", _("Seals of records written before sealing")
    REQUEST = "request", _("Request")
    NETWORK = "network", _("Network of links")
    PUBLIC_REPORT = "public_report", _("Report from the public")
    PROMOTER_LIST = "promoter_list", _("Licensed promoters' list")
    PUBLISHED_NOTICE = "published_notice", _("Notice for the public")
    AWARENESS_TEXT = "awareness_text", _("Awareness page")
    AGENT = "agent", _("Agent dossier")
    AGENT_LIST = "agent_list", _("Agents register")
    DOSSIER_FACT = "dossier_fact", _("Fact of an agent's dossier")
    RED_BOOK_ENTRY = "red_book_entry", _("Red-book entry")
    RED_BOOK = "red_book", _("Red book")
    BLACK_BOOK = "black_book", _("Black book")
    GAZETTE = "gazette", _("Intelligence Gazette")
    HELPLINE_CALL = "helpline_call", _("Help-line call")
    HELPLINE_CALL_LIST = "helpline_call_list", _("List of help-line calls")
    HELPLINE_CALLBACK = "helpline_callback", _("Help-line call-back")
    HELPLINE_LEAD = "helpline_lead", _("Help-line lead")
    HELPLINE_LEAD_LIST = "helpline_lead_list", _("List of help-line leads")
    HELPLINE_IMPORT = "helpline_import", _("Import of help-line calls")
    ORGANISATION = "organisation", _("Organisation in the service directory")
    PROTECTION_REFERRAL = "protection_referral", _("Referral to a service")
    PROTECTION_REFERRAL_LIST = "protection_referral_list", _("List of referrals to services")
    SUPPORT_PLAN = "support_plan", _("Support plan")
    FOLLOW_UP = "follow_up", _("Follow-up")
    RISK_ASSESSMENT = "risk_assessment", _("Re-trafficking risk assessment")
    CASE_NOTE = "case_note", _("Caseworker note")
    SHELTER_STAY = "shelter_stay", _("Shelter stay")
    PROTECTION_RETURN = "protection_return", _("Return or repatriation")
    RETURN_FOLLOW_UP = "return_follow_up", _("Reintegration follow-up")
    LEDGER_IMPORT = "ledger_import", _("Import of historical case ledgers")
    LEDGER_ROW = "ledger_row", _("Row of a ledger of historical cases")


class AuditEvent(models.Model):
    """One row of the chain. ``hash`` is a keyed digest (HMAC) of every other field and the
    previous row's hash."""

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    actor_label = models.CharField(max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(max_length=40, choices=AuditObject.choices)
    object_id = models.CharField(max_length=40)
    changes = models.JSONField(default=dict, blank=True)
    # {"case:12": digest, "person:5": digest}: the records this write left, sealed (seals.py).
    seals = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditChainHead(models.Model):
    """A single row naming the newest event; locking it serialises appends to the chain.

    It also lets ``verify`` notice when the newest rows were deleted.
    """

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"head at #{self.last_seq}"


class AuditCheckpoint(models.Model):
    """The chain's head at one moment, signed with the audit key. ``htms audit_checkpoint``
    makes one and writes it as a JSON line for storage outside the database (write-once), so a
    chain recomputed by someone holding the key still differs from what was exported."""

    seq = models.PositiveBigIntegerField()
    hash = models.CharField(max_length=64)
    at = models.DateTimeField()
    signature = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"checkpoint at #{self.seq}"
