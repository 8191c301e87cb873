from tests.courses.conftest import package  # noqa: F401 - shared fixture
