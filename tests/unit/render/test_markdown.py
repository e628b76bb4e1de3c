from aicourse_build.render.markdown import render_block, render_inline


def test_raw_html_and_script_links_never_pass_through() -> None:
    html = render_block(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))",
        "(new tab)",
    )
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html


def test_outside_links_open_a_new_tab_and_say_so() -> None:
    html = render_inline("[AI Sweden](https://www.ai.se/) och [sida](#start)", "(ny flik)")
    assert html == (
        '<a href="https://www.ai.se/" target="_blank" rel="noopener">AI Sweden'
        '<span class="visually-hidden"> (ny flik)</span></a> och '
        '<a href="#start">sida</a>'
    )
