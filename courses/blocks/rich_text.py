"""The rich text features lessons allow: structure and links, nothing decorative."""

LESSON_TEXT_FEATURES = [
    "h2",
    "h3",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
]
SHORT_TEXT_FEATURES = ["bold", "italic", "ul", "link"]
