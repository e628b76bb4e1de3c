from aicourse_build.model.blocks import ImageBlock, VideoBlock
from aicourse_build.source.references import (
    FileRef,
    block_files,
    escapes,
    images_in,
    is_external,
    is_inline,
    markdown_images,
    package_path,
)


def test_media_fields_of_blocks() -> None:
    image = ImageBlock(type="image", src="media/a.svg", alt="A")
    assert block_files(image) == [FileRef("image", "media/a.svg", ("src",))]
    video = VideoBlock.model_validate(
        {
            "type": "video",
            "id": "film",
            "src": "media/f.mp4",
            "poster": "media/p.png",
            "captions": [{"src": "media/f.vtt", "lang": "sv"}],
            "transcript_src": "media/f.md",
            "duration": "1:00",
        }
    )
    assert [(r.role, r.loc) for r in block_files(video)] == [
        ("video", ("src",)),
        ("poster", ("poster",)),
        ("captions", ("captions", 0, "src")),
        ("transcript", ("transcript_src",)),
    ]


def test_markdown_images_are_found_in_any_text_but_not_in_code() -> None:
    text = (
        "Se ![a](media/a.png)\n\n`![inte](media/kod.png)`\n\n[![länkad](media/b.png)](https://x.se)"
    )
    assert markdown_images(text) == [("media/a.png", 0), ("media/b.png", 4)]
    assert markdown_images("ingen bild") == []
    refs = images_in({"questions": [{"prompt": "![q](media/q.svg)", "choices": ["x"]}]})
    assert refs == [FileRef("markdown-image", "media/q.svg", ("questions", 0, "prompt"))]


def test_reference_forms() -> None:
    assert is_external("https://example.org/a.png") and is_external("//cdn.example.org/a.png")
    assert not is_external("media/a.png") and not is_external("data:image/png;base64,AAAA")
    assert is_inline("data:image/png;base64,AAAA") and not is_inline("data:text/html,x")
    assert is_external("data:text/html,x")
    assert package_path("./media/a%20b.png") == "media/a b.png"
    assert escapes("../a.png") and escapes("/etc/passwd") and escapes("C:/a.png")
    assert not escapes("media/../media/a.png")
