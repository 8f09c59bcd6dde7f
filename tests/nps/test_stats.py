"""The pure NPS statistics: worked examples plus properties checked by hypothesis."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nps import stats

counts_strategy = st.builds(
    stats.Counts,
    promoters=st.integers(0, 5000),
    passives=st.integers(0, 5000),
    detractors=st.integers(0, 5000),
)


def test_the_worked_example_gives_nps_25_with_about_15_points_margin():
    counts = stats.Counts(promoters=45, passives=35, detractors=20)
    assert stats.nps(counts) == 25.0
    low, high = stats.interval(counts)
    assert low == pytest.approx(9.5, abs=0.2)
    assert high == pytest.approx(39.1, abs=0.2)
    assert (high - low) / 2 == pytest.approx(15, abs=0.5)


def test_categories_follow_the_0_6_7_8_9_10_split():
    assert [stats.category(s) for s in range(11)] == ["detractor"] * 7 + ["passive"] * 2 + ["promoter"] * 2
    with pytest.raises(ValueError):
        stats.category(11)


def test_summary_flags_small_samples_and_has_no_score_without_answers():
    empty = stats.summarise(stats.Counts(0, 0, 0))
    assert empty.nps is None and empty.ci_low is None and empty.small_sample
    small = stats.summarise(stats.Counts.from_scores([10, 9, 3]))
    assert small.n == 3 and small.small_sample and small.nps == pytest.approx(100 / 3)
    assert not stats.summarise(stats.Counts(10, 10, 10)).small_sample


def test_sample_size_for_a_margin_matches_the_interval_it_promises():
    n = stats.sample_size(10, promoter_share=0.45, detractor_share=0.20)
    counts = stats.Counts(
        promoters=round(0.45 * n), passives=n - round(0.45 * n) - round(0.2 * n), detractors=round(0.2 * n)
    )
    low, high = stats.interval(counts)
    assert (high - low) / 2 <= 10.1
    assert stats.sample_size(5) > stats.sample_size(10) > stats.sample_size(20)
    with pytest.raises(ValueError):
        stats.sample_size(0)


def test_a_big_jump_on_large_samples_is_significant_and_a_tiny_one_is_not():
    before = stats.Counts(400, 300, 300)  # NPS 10
    after = stats.Counts(500, 300, 200)  # NPS 30
    assert stats.difference(before, after).significant
    assert not stats.difference(stats.Counts(5, 3, 2), stats.Counts(6, 2, 2)).significant


@given(counts_strategy)
def test_nps_lies_between_minus_100_and_100_and_inside_its_interval(counts):
    score = stats.nps(counts)
    low, high = stats.interval(counts)
    assert -100.0 <= low <= high <= 100.0
    if score is None:
        assert counts.n == 0
        return
    assert -100.0 <= score <= 100.0
    # The adjusted centre pulls towards 0, so allow for that shift on tiny samples.
    assert low - 100 * 1.5 / (counts.n + 3) <= score <= high + 100 * 1.5 / (counts.n + 3)


@given(counts_strategy)
def test_shares_add_up_to_100(counts):
    parts = stats.shares(counts)
    if counts.n == 0:
        assert parts is None
    else:
        assert math.isclose(sum(parts), 100.0)


@given(st.integers(0, 300), st.integers(0, 300), st.integers(0, 300))
def test_more_answers_of_the_same_mix_narrow_the_interval(p, a, d):
    small = stats.Counts(p, a, d)
    large = stats.Counts(4 * p, 4 * a, 4 * d)
    width_small = stats.interval(small)[1] - stats.interval(small)[0]
    width_large = stats.interval(large)[1] - stats.interval(large)[0]
    assert width_large <= width_small + 1e-9


@given(counts_strategy, counts_strategy)
def test_the_difference_test_is_symmetric(a, b):
    forward = stats.difference(a, b)
    backward = stats.difference(b, a)
    assert forward.change == pytest.approx(-backward.change, abs=1e-9)
    assert forward.p_value == pytest.approx(backward.p_value)
    assert 0.0 <= forward.p_value <= 1.0


@given(st.lists(st.integers(0, 10), max_size=200))
def test_counting_scores_matches_the_categories(scores):
    counts = stats.Counts.from_scores(scores)
    assert counts.n == len(scores)
    assert counts.promoters == sum(1 for s in scores if s >= 9)
    assert counts.detractors == sum(1 for s in scores if s <= 6)
