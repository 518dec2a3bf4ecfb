import workbench


def test_public_api_is_importable():
    for name in workbench.__all__:
        assert getattr(workbench, name) is not None


def test_scoring_through_the_public_api():
    result = workbench.score(workbench.find_task("sat_add"), "no code here")
    assert result.status == workbench.Status.FAIL_EXTRACT
