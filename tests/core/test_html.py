def test_json_for_a_script_element_cannot_close_it():
    """Whatever a title or a question holds, the JSON stays the script's text."""
    import json

    from core.html import script_json

    hostile = '</script><script>alert("x")</script><!-- & \u2028\u2029 Hội nghị'
    text = str(script_json({"name": hostile}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"name": hostile}
