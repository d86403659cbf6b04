"""Fetching from a council's ModernGov web service: `GetMeetings` for a committee's meetings, `GetMeeting` for each.

Requests are plain HTTP GETs of `<site>/mgWebService.asmx/<Operation>?...`, with a
timeout, an identifying User-Agent (torctl, its version and where it comes from),
and a size limit. Dates go as the UK's `dd/mm/yyyy`: the service silently ignores
ISO dates and returns every meeting. A committee id of -1 means every committee,
0 none. A refusal (403: many councils switch the web service off or block
scripts), a missing service (404), an HTML page in place of XML, a timeout or an
unreachable site is one clear error (exit 2), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from .. import __version__
from .moderngov import MAX_RESPONSE, ModernGovError, find_all, first_text, parse_xml

SERVICE = "mgWebService.asmx"
PROJECT_URL = "https://pypi.org/project/torctl/"
USER_AGENT = f"torctl/{__version__} (+{PROJECT_URL})"
TIMEOUT = 30.0

Opener = Callable[[urllib.request.Request, float], bytes]


def _open(request: urllib.request.Request, timeout: float) -> bytes:
    """The response's bytes, at most MAX_RESPONSE and one more (so a larger one is seen to be larger)."""
    with urllib.request.urlopen(request, timeout=timeout) as response:
        data: bytes = response.read(MAX_RESPONSE + 1)
        return data


def service_url(base: str) -> str:
    """`https://site/mgWebService.asmx` from the site's address, with or without the service's name."""
    parsed = urllib.parse.urlsplit(base.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ModernGovError(f"'{base}' is not a web address (https://democracy.example.gov.uk)")
    path = parsed.path.rstrip("/")
    if not path.lower().endswith(SERVICE.lower()):
        path = f"{path}/{SERVICE}"
    return urllib.parse.urlunsplit((parsed.scheme, parsed.netloc, path, "", ""))


def uk_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass
class Service:
    """One council's web service."""

    url: str  # .../mgWebService.asmx
    timeout: float = TIMEOUT
    opener: Opener = _open

    def get(self, operation: str, **params: str) -> tuple[bytes, str]:
        """The bytes of one operation's response, and its address."""
        address = f"{self.url}/{operation}?{urllib.parse.urlencode(params)}"
        return fetch(address, self.timeout, self.opener), address

    def meeting_ids(self, committee: str, start: dt.date, end: dt.date) -> list[tuple[str, str]]:
        """(meeting id, committee title) of each meeting of `committee` (-1: every committee) from start to end."""
        if committee.strip() == "0":
            raise ModernGovError("committee 0 means no committee to ModernGov: give the committee's id, or -1 for all")
        data, address = self.get(
            "GetMeetings", lCommitteeId=committee.strip(), sFromDate=uk_date(start), sToDate=uk_date(end)
        )
        root = parse_xml(data, address)
        found = []
        for group in find_all(root, "committee"):
            title = first_text(group, "committeetitle")
            for meeting in find_all(group, "meeting"):
                found.append((first_text(meeting, "meetingid"), title))
        if not found and not find_all(root, "getmeetings"):
            raise ModernGovError(f"{address}: not a ModernGov GetMeetings response")
        return [(mid, title) for mid, title in found if mid]

    def meeting(self, meeting_id: str) -> tuple[bytes, str]:
        return self.get("GetMeeting", lMeetingId=meeting_id)


def fetch(address: str, timeout: float = TIMEOUT, opener: Opener = _open) -> bytes:
    """The bytes at `address` (http or https), or a ModernGovError saying plainly why not."""
    scheme = urllib.parse.urlsplit(address).scheme
    if scheme not in ("http", "https"):
        raise ModernGovError(f"'{address}' is not an http or https address")
    request = urllib.request.Request(address, headers={"User-Agent": USER_AGENT, "Accept": "text/xml"})
    try:
        return opener(request, timeout)
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise ModernGovError(
                f"{address}: the council's web service refused the request ({exc.code} {exc.reason}); many councils "
                "switch ModernGov's web service off or block scripts. Ask the council's democratic services team, or "
                "save the GetMeeting response from a browser and import the saved file"
            ) from None
        if exc.code == 404:
            raise ModernGovError(
                f"{address}: not found (404): the site has no ModernGov web service there, or the service is disabled"
            ) from None
        raise ModernGovError(f"{address}: the web service answered {exc.code} {exc.reason}") from None
    except TimeoutError:
        raise ModernGovError(f"{address}: no answer within {timeout:g} s") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise ModernGovError(f"{address}: no answer within {timeout:g} s") from None
        raise ModernGovError(f"{address}: cannot reach the site: {reason}") from None
    except OSError as exc:
        raise ModernGovError(f"{address}: cannot reach the site: {exc}") from None
