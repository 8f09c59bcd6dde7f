import time

from core import spam


def test_a_token_filled_after_the_minimum_time_is_ok():
    token = spam.issue_token("complaints:new", now=time.time() - 10)
    assert spam.token_verdict(token, "complaints:new", min_seconds=3) == "ok"


def test_a_form_sent_at_once_is_too_fast():
    token = spam.issue_token("complaints:new")
    assert spam.token_verdict(token, "complaints:new", min_seconds=3) == "too_fast"


def test_a_token_of_another_form_or_a_tampered_one_is_invalid():
    token = spam.issue_token("feedback:filiale-kiel", now=time.time() - 10)
    assert spam.token_verdict(token, "complaints:new", min_seconds=3) == "invalid"
    assert spam.token_verdict(token[:-2] + "xx", "feedback:filiale-kiel", min_seconds=3) == "invalid"
    assert spam.token_verdict("", "feedback:filiale-kiel", min_seconds=3) == "invalid"

