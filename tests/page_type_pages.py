# ruff: noqa: E501  (the pages' markup reads best a tag per line, however long)
"""Hand-made mini pages of three kinds, for the page-type tests.

Invented text, in layouts that many sites share: a forum thread (posts
with a name, a date and Reply under each), a shop's product page (price,
Add to cart, specs), a listing of teaser cards. Each comes as HTML and as
the plain text a converter makes of such a page.
"""

from __future__ import annotations

_POSTS = [
    ("marsh_walker", "Mar 3, 2024", "Has anyone found a way to stop the heron from taking fish out of a small "
     "garden pond? We tried a net but it looks awful and the frogs get tangled in it every spring."),
    ("pondlife42", "Mar 3, 2024", "A length of fishing line stretched around the edge about a foot high worked "
     "for us. Herons walk in from the side rather than landing in the water, so they trip on it and give up."),
    ("old_tom", "Mar 4, 2024", "Seconding the line. Also give the fish somewhere to hide: a stack of clay pipes "
     "on the bottom made a big difference, the heron still visits but goes away hungry most mornings."),
    ("marsh_walker", "Mar 5, 2024", "Thanks both, the line is up and the pipes are in. No visits for three days "
     "so far, which is the longest stretch since we dug the pond. I will report back in a month or so."),
    ("greenfinger", "Mar 9, 2024", "We had the same trouble and a plastic heron decoy did nothing at all. The "
     "real one stood next to it. Line and cover are the only things that ever worked in our garden."),
]


def forum_html() -> str:
    posts = "".join(
        f"""<article class="message message--post" id="post-{i}">
          <div class="message-userDetails"><a class="username" href="/members/{name}.{i}/">{name}</a>
          <span class="userTitle">Member</span><dl><dt>Joined</dt><dd>Jan 2019</dd><dt>Messages</dt><dd>{40 + i}</dd></dl></div>
          <div class="message-main"><header class="message-attribution"><time datetime="2024-03-0{i + 1}">{date}</time>
          <a href="#post-{i}">#{i + 1}</a></header>
          <div class="message-body"><div class="bbWrapper">{text}</div></div>
          <footer class="message-footer"><a class="actionBar-action--reply">Reply</a> <a>Quote</a> <a>Report</a> <a>Like</a></footer>
          </div></article>"""
        for i, (name, date, text) in enumerate(_POSTS)
    )
    return f"""<!DOCTYPE html><html lang="en"><head><title>Keeping herons off a small pond | Garden Ponds Forum</title></head>
    <body><nav class="p-nav"><a href="/">Forums</a> <a href="/whats-new/">What's new</a> <a href="/members/">Members</a></nav>
    <ul class="breadcrumb"><li><a href="/forums/">Forums</a></li><li><a href="/forums/wildlife.7/">Wildlife</a></li></ul>
    <h1 class="p-title-value">Keeping herons off a small pond</h1>
    <div class="block-body js-replyNewMessageContainer">{posts}</div>
    <form class="message--quickReply"><textarea name="message"></textarea><button>Post reply</button></form>
    </body></html>"""


def forum_text() -> str:
    lines = ["Forums", "What's new", "Members", "Keeping herons off a small pond", ""]
    for i, (name, date, text) in enumerate(_POSTS):
        lines += [name, "Member", f"Joined: Jan 2019  Messages: {40 + i}", f"{date}  #{i + 1}", text,
                  "Reply  Quote  Report  Like", ""]
    lines += ["You must log in or register to reply here."]
    return "\n".join(lines)


_SPECS = [("Capacity", "1.7 litres"), ("Power", "3000 W"), ("Material", "Brushed steel"),
          ("Cord length", "0.75 m"), ("Weight", "1.2 kg"), ("Warranty", "2 years")]


def product_html() -> str:
    specs = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in _SPECS)
    return f"""<!DOCTYPE html><html lang="en"><head><title>Harbour 1.7 L Steel Kettle | Homeware Shop</title>
    <meta property="og:type" content="product">
    <script type="application/ld+json">{{"@context": "https://schema.org", "@type": "Product",
      "name": "Harbour 1.7 L Steel Kettle", "sku": "HK-17",
      "offers": {{"@type": "Offer", "price": "39.99", "priceCurrency": "GBP"}},
      "aggregateRating": {{"@type": "AggregateRating", "ratingValue": "4.6", "reviewCount": "128"}}}}</script>
    </head><body><nav class="main-nav"><a href="/kitchen">Kitchen</a> <a href="/home">Home</a> <a href="/sale">Sale</a></nav>
    <div class="product-detail pdp">
      <div class="product-gallery"><img src="/img/kettle-1.jpg" alt="Kettle"><img src="/img/kettle-2.jpg" alt="Kettle side"></div>
      <div class="product-info"><h1 class="product-title">Harbour 1.7 L Steel Kettle</h1>
        <div class="rating"><span class="stars">4.6 out of 5 stars</span> <a href="#reviews">128 reviews</a></div>
        <div class="price"><span class="price-now">£39.99</span> <span class="price-was">£49.99</span></div>
        <p class="stock">In stock - free delivery on orders over £30</p>
        <form class="product-form"><label>Quantity</label><select name="qty"><option>1</option><option>2</option></select>
        <button class="add-to-cart">Add to cart</button><button class="wishlist">Add to wishlist</button></form>
      </div>
      <div class="product-description"><h2>Description</h2><p>A quiet, fast-boiling kettle in brushed steel with a
        limescale filter you can lift out and rinse. The water window shows the level from both sides.</p>
        <h2>Specifications</h2><table class="specs">{specs}</table></div>
      <div class="reviews" id="reviews"><h2>Customer reviews</h2><div class="review"><span class="stars">5 stars</span>
        <p>Boils in under two minutes and is quieter than our old one.</p></div></div>
    </div></body></html>"""


def product_text() -> str:
    lines = ["Kitchen", "Home", "Sale", "Harbour 1.7 L Steel Kettle", "4.6 out of 5 stars", "128 reviews",
             "£39.99", "£49.99", "In stock - free delivery on orders over £30", "Quantity", "1", "Add to cart",
             "Add to wishlist", "Description", "A quiet, fast-boiling kettle in brushed steel with a limescale "
             "filter you can lift out and rinse. The water window shows the level from both sides.",
             "Specifications", *(f"{k}  {v}" for k, v in _SPECS), "Customer reviews", "5 stars",
             "Boils in under two minutes and is quieter than our old one.", "Write a review"]
    return "\n".join(lines)


_TEASERS = [
    ("Spring planting calendar for small gardens", "What to sow each week from March to May."),
    ("Five shrubs that flower in winter", "Colour and scent for the darkest months of the year."),
    ("Building a raised bed from old pallets", "A weekend project with a handful of tools."),
    ("How to start a compost heap", "Turn kitchen scraps into something your soil will love."),
    ("Watering wisely in a dry summer", "Simple habits that save water and keep plants alive."),
    ("Attracting bees to a balcony", "Pots and plants that pollinators seek out in town."),
    ("Pruning roses without fear", "When to cut, where to cut and what to leave alone."),
    ("Growing tomatoes in pots", "Varieties and feeds for a crop on a patio."),
    ("Keeping slugs off your lettuces", "Barriers, traps and timing that really work."),
    ("A beginner's guide to fruit trees", "Choosing rootstocks for a small plot of ground."),
    ("Making leaf mould in autumn", "The easiest soil improver of all, free from your lawn."),
    ("Planning a cut-flower patch", "Annuals that keep a vase full from June to October."),
]


def listing_html() -> str:
    cards = "".join(
        f"""<div class="card post-card"><a href="/guides/{i}"><img src="/img/{i}.jpg" alt="">
        <h3 class="card-title">{title}</h3></a><p class="card-excerpt">{teaser}</p>
        <span class="card-date">Apr {i + 2}, 2024</span></div>"""
        for i, (title, teaser) in enumerate(_TEASERS)
    )
    return f"""<!DOCTYPE html><html lang="en"><head><title>Gardening guides | Green Patch</title></head>
    <body><nav><a href="/">Home</a> <a href="/guides/">Guides</a> <a href="/about/">About</a></nav>
    <h1>Gardening guides</h1><div class="grid card-grid">{cards}</div>
    <nav class="pagination"><a href="?page=1">1</a> <a href="?page=2">2</a> <a href="?page=3">3</a> <a href="?page=2">Next</a></nav>
    </body></html>"""


def listing_text() -> str:
    lines = ["Skip to content", "Home", "Guides", "Tools", "Shop", "About", "Contact", "Search", "Gardening guides",
             "Practical guides for every season, written by our team of growers."]
    for i, (title, teaser) in enumerate(_TEASERS):
        lines += [title, teaser, f"Apr {i + 2}, 2024", "Read more"]
    lines += ["1", "2", "3", "Next", "Newsletter", "Sign up for our monthly letter", "Subscribe",
              "About us", "Contact", "Privacy policy", "Terms", "© 2024 Green Patch"]
    return "\n".join(lines)
