"""Headless Chromium (Debian's chromium and chromium-driver) with axe-core for the WCAG check.

Missing tools skip these tests locally; CI sets BROWSER_TESTS=required, so there they fail instead.
"""

import os
import shutil
from functools import cache
from pathlib import Path

import pytest

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Only violations are read: axe then keeps every failing node but skips detailing the passes,
# which takes two thirds of its time on a long page.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}


def _missing_tools() -> list[str]:
    missing = [name for name in ("chromium", "chromedriver") if not shutil.which(name)]
    if not AXE.exists():
        missing.append("axe-core (npm ci)")
    return missing


@pytest.fixture(scope="session")
def browser():
    missing = _missing_tools()
    if missing:
        message = f"browser tests need {', '.join(missing)}"
        if os.environ.get("BROWSER_TESTS") == "required":
            pytest.fail(message)
        pytest.skip(message)

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--lang=da",
        # Bootstrap scrolls smoothly otherwise, and a click could land mid-scroll.
        "--force-prefers-reduced-motion",
    ]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def axe_violations(driver) -> list[dict]:
    """Run axe-core in the page with the WCAG 2.1 A and AA rules; return what it finds."""
    driver.execute_script(_axe_source())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0])"
        ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', help: String(e)}]));",
        AXE_OPTIONS,
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n.get("target") for n in v.get("nodes", [])]}
        for v in result
    ]


@cache
def _axe_source() -> str:
    return AXE.read_text()


def log_in(driver, live_server, email: str, password: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(live_server.url + "/accounts/login/")
    driver.find_element(By.NAME, "login").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "/accounts/login/" not in d.current_url)
    if "/accounts/2fa/authenticate/" in driver.current_url:
        # HR and administrators: the code their authenticator app would show now.
        driver.find_element(By.NAME, "code").send_keys(current_code(email))
        driver.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
        WebDriverWait(driver, 20).until(lambda d: "/accounts/2fa/" not in d.current_url)


def current_code(email: str) -> str:
    import time

    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt
    from django.core.cache import cache

    from nyborg_ledelse.organisation.demo import demo_code

    totp = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    # A code is accepted once per user and period; tests may log the same person in twice.
    cache.clear()
    # A code typed in the last seconds of its period may arrive in the next one: wait for it.
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 5:
        time.sleep(left + 0.1)
    return demo_code(decrypt(totp.data["secret"]))


def click(driver, element) -> None:
    """Click as a person would, after scrolling the element into the middle of the window."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def wait_for_text(driver, text: str, *, seconds: float = 10) -> None:
    """Wait until the page's main content shows the text (after a click that loads a page)."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # The old page may still be there, or vanish while it is read ("stale element", "node does
    # not belong to the document"): all mean "not yet"; only the time limit fails the test.
    WebDriverWait(driver, seconds, ignored_exceptions=(WebDriverException,)).until(
        lambda d: text in d.find_element(By.TAG_NAME, "main").text
    )
