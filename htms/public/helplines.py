"""The numbers the portal gives for help, on every page's footer and on the help-lines page."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class HelpLine:
    number: str
    name: Promise
    when: Promise


HELP_LINES = (
    HelpLine(
        "111-345-786",
        _("FIA help line: trafficking, smuggling, fake agents and visas"),
        _("Every day"),
    ),
    HelpLine("15", _("Police emergency"), _("Day and night")),
    HelpLine("1122", _("Rescue ambulance"), _("Day and night")),
)
