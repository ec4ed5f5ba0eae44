package digest

// SplitRelated returns d.Related split into other outlets' reports of the
// same story (SameStory) and related but different stories, each in its
// original order.
func (d Digest) SplitRelated() (same, other []Headline) {
	for _, h := range d.Related {
		if h.SameStory {
			same = append(same, h)
		} else {
			other = append(other, h)
		}
	}
	return same, other
}
