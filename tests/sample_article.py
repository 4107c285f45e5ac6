"""A short hand-written article that several test modules build their pages from."""

ARTICLE = [
    "The harbour board voted on Tuesday to rebuild the old northern pier, which has been "
    "closed to the public since the storms of last winter damaged its timber supports.",
    "Engineers told the meeting that the new structure would use steel piles driven deep "
    "into the seabed, and that work could begin in the spring if the funding is confirmed.",
    "Local fishermen welcomed the decision, saying the closure had forced them to unload "
    "their catch at a private jetty several miles along the coast.",
]
TITLE = "Harbour board backs pier rebuild"
