import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHOW_TIMEOUT = "from django.core.mail import mailers; print(mailers['default'].timeout)"


def smtp_timeout(**env):
    environment = {name: value for name, value in os.environ.items() if name != "EMAIL_TIMEOUT"}
    environment.update(EXCHANGE_EMAIL_TRANSPORT="smtp", **env)
    result = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", SHOW_TIMEOUT],  # noqa: S603
                            cwd=REPO, env=environment, capture_output=True, text=True, timeout=60,
                            check=True)
    return result.stdout.strip()


def test_the_smtp_mailer_gives_up_on_a_hung_server_after_a_timeout():
    assert smtp_timeout() == "30"
    assert smtp_timeout(EMAIL_TIMEOUT="5") == "5"
