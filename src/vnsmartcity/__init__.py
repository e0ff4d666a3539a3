"""Smart Cities in Vietnam: course data, self-checks and grading tools."""

from vnsmartcity.coursedata import load, load_all

__all__ = ["load", "load_all"]
__version__ = "0.1.0"
