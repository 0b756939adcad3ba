"""Thresholds and the TOML configuration (bitext.filtering.config)."""

import pytest

from bitext.filtering.config import FilterConfig, FilterConfigError, default_toml
from bitext.filtering.registry import FILTER_NAMES


def test_the_documented_defaults_read_back_as_the_defaults(tmp_path):
    path = tmp_path / "filter.toml"
    path.write_text(default_toml(), "utf-8")
    assert FilterConfig.load(path).as_dict() == FilterConfig().as_dict()
    assert all(f"[{name}]" in default_toml() for name in FILTER_NAMES)


def test_a_file_changes_only_what_it_names(tmp_path):
    path = tmp_path / "filter.toml"
    path.write_text('[ratio]\nmax_char_ratio = 3\n\n[mt]\nenabled = false\n\n[language]\ntarget_accept = ["en", "id"]\n')
    config = FilterConfig.load(path)
    assert config.settings["ratio"].max_char_ratio == 3.0 and not config.enabled("mt")
    assert config.settings["language"].target_accept == ["en", "id"]
    assert config.settings["ratio"].min_char_ratio == FilterConfig().settings["ratio"].min_char_ratio


@pytest.mark.parametrize("text,complaint", [
    ("[lenght]\nmin_words = 2\n", "unknown filter [lenght]"),
    ("[length]\nmin_wrods = 2\n", "[length] has no threshold 'min_wrods'"),
    ('[length]\nmin_words = "two"\n', "[length] min_words must be a whole number"),
    ("[length]\nenabled = 1\n", "[length] enabled must be true or false"),
    ("length = 3\n", "[length] must be a table"),
    ("[length\n", "not a TOML file"),
])
def test_a_bad_file_is_one_clear_error(tmp_path, text, complaint):
    path = tmp_path / "filter.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(FilterConfigError) as error:
        FilterConfig.load(path)
    assert complaint in str(error.value) and str(path) in str(error.value) and "\n" not in str(error.value)
