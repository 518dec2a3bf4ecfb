import time

from workbench.model import ChatMessage, GenerateConfig, ModelOutput, ResponseCache, cache_key

MESSAGES = [ChatMessage(role="system", content="s"), ChatMessage(role="user", content="u")]
IDENTITY = {"model": "openai/x", "base_url": "http://127.0.0.1:1/v1"}


def test_key_covers_what_changes_an_answer():
    base = cache_key(IDENTITY, MESSAGES, GenerateConfig(), "spec-to-rtl@1", 0)
    assert base == cache_key(dict(IDENTITY), list(MESSAGES), GenerateConfig(), "spec-to-rtl@1", 0)
    variants = [
        cache_key({**IDENTITY, "base_url": "http://other/v1"}, MESSAGES, GenerateConfig(), "spec-to-rtl@1", 0),
        cache_key(IDENTITY, MESSAGES[:1], GenerateConfig(), "spec-to-rtl@1", 0),
        cache_key(IDENTITY, MESSAGES, GenerateConfig(temperature=0.8), "spec-to-rtl@1", 0),
        cache_key(IDENTITY, MESSAGES, GenerateConfig(), "spec-to-rtl@2", 0),
        cache_key(IDENTITY, MESSAGES, GenerateConfig(), "spec-to-rtl@1", 1),
    ]
    assert base not in variants and len(set(variants)) == len(variants)


def test_round_trip_list_clear_and_expiry(tmp_path):
    cache = ResponseCache(tmp_path / "c.sqlite")
    cache.put("k1", "openai/x", ModelOutput(text="answer", input_tokens=3))
    assert cache.get("k1").text == "answer" and cache.get("k1").input_tokens == 3
    assert cache.get("missing") is None
    assert cache.entries() == [("openai/x", 1)]
    reopened = ResponseCache(tmp_path / "c.sqlite", max_age_days=1e-9)
    time.sleep(0.01)
    assert reopened.get("k1") is None  # expired
    assert cache.clear() == 1 and cache.get("k1") is None
