package htmlextract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// cleanPage removes from a parsed page what a reader does not see as the
// article, before the extractor looks at it, and separates block elements
// so that no extractor glues their words together. The rules are
// structural, not tied to any site:
//
//   - hidden content: the hidden and popover attributes, aria-hidden="true",
//     display:none or visibility:hidden in a style attribute, <template>;
//   - elements whose role says they are not article text (navigation,
//     menu, menubar, tooltip, dialog, alertdialog, banner, complementary,
//     contentinfo, search) and the elements that are so by definition
//     (<nav>, <aside>, <figure> holding media, <figcaption>, <form>,
//     <button>, <dialog>, <menu>, <select>);
//   - small elements whose class or id names a page part that is not the
//     article (caption, credit, tooltip, hover card, popover, cookie or
//     consent notice, newsletter, share buttons, related or recommended
//     links, breadcrumb, menu, advertisement…; see hintWords), when they
//     hold little text of their own (hintMaxText) or mostly links;
//   - link lists: a list, or a block with no block inside it, whose text is
//     mostly link text (linkDensity), together with the short label just
//     before it ("More:", "DON'T MISS", "Related");
//   - a block that opens with a short label and a colon and is otherwise
//     links ("More: <a>…</a>, <a>…</a>").
//
// Each block element that sits inside inline content (a <div> in a <span>
// or <a>, a <p> in a <td>) gets a space on each side, as its line break on
// screen would separate it.
func cleanPage(doc *html.Node) {
	body := findBody(doc)
	if body == nil {
		return
	}
	pruneHidden(body)
	pruneLinkBlocks(body)
	spaceBlocks(body)
}

const (
	// hintMaxText is the most text (bytes, outside links) an element
	// dropped for its class or id may hold: a caption, a tooltip or a
	// cookie notice is short, an article container that happens to carry
	// such a class ("share-enabled") is not.
	hintMaxText = 600
	// linkDensity is the share of link text above which a list or a
	// leaf block is a list of links.
	linkDensity = 0.6
)

func findBody(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	return nil
}

// pruneHidden removes hidden and non-article elements (the first three
// rules of cleanPage) below n.
func pruneHidden(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			if drop, byHint := dropElement(c); drop {
				if trigger := hoverTrigger(c); byHint && trigger != nil {
					// the link a hover card opens from is the name in the
					// sentence ("Mayor <a>Paul Okafor</a><span card>…</span>")
					trigger.Parent.RemoveChild(trigger)
					n.InsertBefore(trigger, c)
					pruneHidden(trigger)
				}
				n.RemoveChild(c)
			} else {
				pruneHidden(c)
			}
		}
		c = next
	}
}

// hoverTrigger returns the link that opens the hover card or tooltip n
// wraps, when n is an inline element hinted as one and holds a link
// outside the card's own part: a wrapper around the name and its card
// ("<span class=hovercard><a>Paul Okafor</a><span>…</span></span>").
func hoverTrigger(n *html.Node) *html.Node {
	if n.DataAtom != atom.Span && n.DataAtom != atom.A {
		return nil
	}
	if !hoverHinted(n) {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return nil // text of the card itself comes first
		}
		if c.Type == html.ElementNode {
			if c.DataAtom == atom.A && !hoverHinted(c) && strings.TrimSpace(textOf(c)) != "" {
				return c
			}
			return nil
		}
	}
	return nil
}

// hoverHinted reports a class or id naming a hover card, a tooltip or a
// popover (not a popup: a "newsletter-popup" is no card of a name).
func hoverHinted(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		var joined strings.Builder
		for _, r := range strings.ToLower(a.Val) {
			if 'a' <= r && r <= 'z' {
				joined.WriteRune(r)
			}
		}
		j := joined.String()
		if strings.Contains(j, "hovercard") || strings.Contains(j, "tooltip") || strings.Contains(j, "popover") {
			return true
		}
	}
	return false
}

// dropElement reports whether element n is not article text by its tag,
// attributes or class hints, and byHint whether it is dropped only for
// its class or id hint (not for being hidden, its tag or its role): only
// such an element may give back the link a hover card opens from.
func dropElement(n *html.Node) (drop, byHint bool) {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Figcaption, atom.Form, atom.Button, atom.Dialog, atom.Menu,
		atom.Select, atom.Template, atom.Noscript, atom.Script, atom.Style, atom.Iframe, atom.Svg:
		return true, false
	case atom.Figure:
		return holdsMedia(n), false
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false, false
	}
	var class string
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden", "popover": // popover: shown only on demand, like a tooltip
			return true, false
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true, false
			}
		case "style":
			if hiddenStyle(a.Val) {
				return true, false
			}
		case "role":
			switch strings.ToLower(strings.TrimSpace(a.Val)) {
			case "navigation", "menu", "menubar", "tooltip", "dialog", "alertdialog", "banner",
				"complementary", "contentinfo", "search":
				return true, false
			}
		case "class", "id":
			class += " " + a.Val
		}
	}
	if class != "" && hinted(class) {
		own, links := textLengths(n)
		drop = own-links <= hintMaxText || float64(links) >= linkDensity*float64(own)
		return drop, drop
	}
	return false, false
}

// holdsMedia reports whether a <figure> shows an image, a video or an
// embed (a figure holding only a quotation or a table is kept).
func holdsMedia(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Img, atom.Picture, atom.Video, atom.Audio, atom.Iframe, atom.Svg, atom.Object, atom.Embed, atom.Figcaption:
			return true
		}
		if holdsMedia(c) {
			return true
		}
	}
	return false
}

func hiddenStyle(s string) bool {
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, " ", "")
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}

// hintWords are class or id words naming page parts that are not the
// article. A class matches when one of its words (split at spaces, '-',
// '_' and case changes) is a hint word, or when its letters joined
// contain a compound hint ("hovercard" in "hover-card", "HoverCard").
var hintWords = map[string]bool{
	"caption": true, "captions": true, "credit": true, "credits": true, "tooltip": true,
	"popover": true, "popup": true, "modal": true, "cookie": true, "cookies": true, "consent": true,
	"gdpr": true, "newsletter": true, "subscribe": true, "subscription": true, "share": true,
	"sharing": true, "social": true, "related": true, "recommended": true, "recommendations": true,
	"promo": true, "advert": true, "advertisement": true, "ad": true, "ads": true, "sponsor": true,
	"sponsored": true, "breadcrumb": true, "breadcrumbs": true, "nav": true, "navbar": true,
	"navigation": true, "menu": true, "sidebar": true, "reprint": true, "reprints": true,
	"permissions": true, "disclaimer": true, "outbrain": true, "taboola": true, "banner": true,
	"toolbar": true, "masthead": true, "hidden": true, "invisible": true, "offscreen": true,
}

var compoundHints = [...]string{
	"hovercard", "tooltip", "readmore", "morestories", "morenews", "relatedcontent", "relatedlinks",
	"relatedarticles", "relatedstories", "dontmiss", "mostread", "mostpopular", "photocredit",
	"imagecredit", "mediacredit", "imagecaption", "photocaption", "cookiebanner", "cookienotice",
	// text a browser does not show (kept for screen readers)
	"sronly", "visuallyhidden", "screenreader",
}

// hinted reports whether a class or id list names a non-article part.
func hinted(class string) bool {
	joined := make([]byte, 0, len(class))
	start := -1
	word := func(end int) bool {
		if start < 0 {
			return false
		}
		w := strings.ToLower(class[start:end])
		start = -1
		return hintWords[w]
	}
	prevLower := false
	for i := 0; i < len(class); i++ {
		c := class[i]
		isLetter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		isUpper := 'A' <= c && c <= 'Z'
		if isLetter {
			joined = append(joined, c|0x20)
		}
		if !isLetter || isUpper && prevLower {
			if word(i) {
				return true
			}
		}
		if isLetter && start < 0 {
			start = i
		}
		prevLower = 'a' <= c && c <= 'z'
	}
	if word(len(class)) {
		return true
	}
	j := string(joined)
	for _, h := range compoundHints {
		if strings.Contains(j, h) {
			return true
		}
	}
	return false
}

// textLengths returns the number of non-space bytes of text under n and
// how many of them are inside links.
func textLengths(n *html.Node) (all, links int) {
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		if n.Type == html.TextNode {
			k := nonSpace(n.Data)
			all += k
			if inLink {
				links += k
			}
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			inLink = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(n, false)
	return all, links
}

func nonSpace(s string) int {
	k := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			k += utf8.RuneLen(r)
		}
	}
	return k
}

// pruneLinkBlocks removes link lists and labelled link blocks below n,
// with the short label just before a removed list.
func pruneLinkBlocks(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type != html.ElementNode {
			c = next
			continue
		}
		if linkBlock(c) {
			if prev := prevElement(c); prev != nil && isLabel(prev) {
				n.RemoveChild(prev)
			}
			n.RemoveChild(c)
		} else {
			pruneLinkBlocks(c)
		}
		c = next
	}
}

// linkBlock reports whether n is a list of links: a list (<ul>, <ol>,
// <dl>, <table>) or a block without blocks inside, holding at least one
// link, whose text is mostly link text; or a block opening with a short
// label and a colon whose remaining text is mostly links.
func linkBlock(n *html.Node) bool {
	list := false
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Dl, atom.Table:
		list = true
	case atom.P, atom.Div, atom.Section, atom.Li, atom.Span, atom.Header, atom.Footer, atom.Blockquote:
		if hasBlock(n) {
			return false
		}
	default:
		return false
	}
	all, links := textLengths(n)
	if all == 0 || links == 0 {
		return false
	}
	if float64(links) >= linkDensity*float64(all) {
		return true
	}
	if list {
		return false
	}
	// "More: <a>…</a>, <a>…</a>": a label of up to four words and a
	// colon, then mostly links.
	label := leadingText(n)
	if i := strings.IndexByte(label, ':'); i > 0 && len(strings.Fields(label[:i])) <= 4 {
		rest := all - nonSpace(label[:i+1])
		return rest > 0 && float64(links) >= linkDensity*float64(rest)
	}
	return false
}

// leadingText returns the text of n before its first link.
func leadingText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			return true
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(n)
	return b.String()
}

// isLabel reports whether element n is a short label announcing what
// follows: at most five words, without final sentence punctuation ("More",
// "DON'T MISS", "Related:", "Lee también").
func isLabel(n *html.Node) bool {
	all, _ := textLengths(n)
	if all == 0 || all > 60 || hasBlock(n) && n.DataAtom != atom.Div {
		return false
	}
	t := strings.TrimSpace(textOf(n))
	if len(strings.Fields(t)) > 5 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return r != '.' && r != '!' && r != '?'
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func prevElement(n *html.Node) *html.Node {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if p.Type == html.ElementNode {
			return p
		}
		if p.Type == html.TextNode && strings.TrimSpace(p.Data) != "" {
			return nil
		}
	}
	return nil
}

// hasBlock reports whether n has a block element below it (line breaks
// do not count: lines of links separated by <br> are one block).
func hasBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockTags[c.Data] && c.DataAtom != atom.Br && c.DataAtom != atom.Hr || hasBlock(c)) {
			return true
		}
	}
	return false
}

// spaceBlocks puts a space before and after every block element and <br>
// below n, so that text on two lines on screen stays two words whatever
// the extractor keeps of the structure.
func spaceBlocks(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if blockTags[c.Data] || c.DataAtom == atom.Td || c.DataAtom == atom.Th {
			n.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, c)
			if c.NextSibling == nil || c.NextSibling.Type != html.TextNode {
				n.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, c.NextSibling)
			}
		}
		spaceBlocks(c)
	}
}
