"""Golden verdicts: what `check-quorum` says about each of the eight bodies, word for word.

Each is a forecast (everyone expected attends) so that the verdict exercises the
body's whole rule: the quorum or why there is none, who does not count, the
readings the verdict relies on, succession, whether the body decides, and the
votes. Regenerate with TORCTL_UPDATE_GOLDENS=1 and read every diff: a change here
is a change in what torctl tells a chair before a meeting.
"""

from __future__ import annotations

import pytest
from conftest import BODY_IDS
from test_render_documents import check_golden

CASES = {f"verdicts/{body_id}-forecast.txt": (body_id, "--forecast") for body_id in sorted(BODY_IDS)}
CASES["verdicts/solihull-lscp-icb-substitute.txt"] = (
    "solihull-lscp",
    "-p",
    "dcs",
    "-p",
    "borough-commander",
    "--sub",
    "Jo Nurse from BSol ICB for CCG - Chief Nurse",
)
CASES["verdicts/solihull-strategic-quartet-present.txt"] = ("solihull-strategic-quartet", "-p", "leader", "-p", "dcs")


@pytest.mark.parametrize("name", sorted(CASES))
def test_verdict_golden(cli, name):
    result = cli("check-quorum", *CASES[name])
    assert result.exit_code in (0, 1, 4), result.stderr  # 4: cannot tell (the Quartet states no quorum)
    check_golden(name, f"exit {result.exit_code}\n{result.stdout}".encode())
