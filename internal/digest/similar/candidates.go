package similar

import (
	"cmp"
	"slices"
	"time"
)

// StoredSignature is what story matching reads of a stored article: its
// id, story and publication time, and its signature (AppendSignature).
type StoredSignature struct {
	ArticleID int64
	StoryID   int64
	Published time.Time
	Data      []byte
}

// doc parses s's signature, with s's publication time and story.
func (s StoredSignature) doc() (Doc, error) {
	d, err := ParseSignature(s.Data)
	if err != nil {
		return Doc{}, err
	}
	d.Published, d.Story = s.Published, s.StoryID
	return d, nil
}

// A headline-length document (ShortDoc) is compared with the whole
// stories of its candidates (MatchStoryGroups), so its candidates serve it
// to find stories more than to be compared one by one: its
// StoryGroupCandidates are chosen among its StorySpreadPool best matches
// by key terms, at most StoryCandidatesPerStory of one story, so that a
// big story's many reports sharing a common word with the headline leave
// room for the other stories that share its words (the members read give
// each story its content). On uci-dev (internal/eval/stories), with 20
// candidates and StoryMembers = 50: F1 86.3, precision 0.937, against
// 86.0 and 0.934 with 40 candidates ranked alone and 100 members, 82.7
// and 0.900 with 20 ranked alone and 50 (2 of a story: 86.0, 3: 84.0; a
// pool of 100 or 200: 86.3); both halves of the stream by time gain (73.7
// and 93.9 against 72.9 and 93.3), and at most 20 × 50 members are read
// instead of 40 × 100.
const (
	StorySpreadPool         = 400
	StoryCandidatesPerStory = 1
)

// CandidatePool returns the matches of a story-term lookup for
// QueryTerms(d) (the last keys lists for d's index keys) whose stories
// CandidateIDs needs: for a ShortDoc d, its StorySpreadPool best by key
// terms; nil for a longer d.
func CandidatePool(d Doc, matches [][]int64, keys int) []int64 {
	if !ShortDoc(d) {
		return nil
	}
	keys = min(max(keys, 0), len(matches))
	return RankCandidates(matches[:len(matches)-keys], StorySpreadPool)
}

// CandidateIDs ranks the matches of a story-term lookup for
// QueryTerms(d) (the last keys lists for d's index keys): the best
// StoryCandidates of the key terms, or, for a ShortDoc d,
// StoryGroupCandidates of its pool (CandidatePool), the best at most
// StoryCandidatesPerStory of each story (stories gives the story of each
// pool id; an id it lacks has no signature to read and is skipped, while
// with a nil stories each id is a story of its own), then those found by
// the index keys alone, ids[byTerms:] (see RankStoryCandidates).
func CandidateIDs(d Doc, matches [][]int64, keys int, pool []int64, stories map[int64]int64) (ids []int64, byTerms int) {
	ids, byTerms = RankStoryCandidates(matches, keys)
	if !ShortDoc(d) {
		return ids, byTerms
	}
	out := make([]int64, 0, StoryGroupCandidates+len(ids)-byTerms)
	per := make(map[int64]int)
	for _, id := range pool {
		if len(out) == StoryGroupCandidates {
			break
		}
		st, ok := stories[id]
		if !ok {
			if stories != nil {
				continue // no signature stored: nothing to compare
			}
			st = -id - 1
		}
		if per[st] < StoryCandidatesPerStory {
			per[st]++
			out = append(out, id)
		}
	}
	chosen := len(out)
	for _, id := range ids[byTerms:] {
		if !slices.Contains(out[:chosen], id) {
			out = append(out, id)
		}
	}
	return out, chosen
}

// CandidateDocs returns the candidates to compare d with, from the
// signatures read for ids (ranked by CandidateIDs or RankStoryCandidates,
// ids[byTerms:] found by index keys alone), in the order of ids: sigs may
// come in any order and are sorted in place. A candidate found by index
// keys alone is kept only when KeepKeyCandidate, so its signature is
// parsed only then. A signature that does not parse is left out and given
// to bad (when not nil). Each candidate's Published and Story are its
// signature's; read holds their article ids, in the same order.
func CandidateDocs(d Doc, ids []int64, byTerms int, sigs []StoredSignature, bad func(StoredSignature, error)) (cands []Doc, read []int64) {
	rank := make(map[int64]int, len(ids))
	for i, id := range ids {
		rank[id] = i
	}
	slices.SortFunc(sigs, func(x, y StoredSignature) int { return cmp.Compare(rank[x.ArticleID], rank[y.ArticleID]) })
	cands = make([]Doc, 0, len(sigs))
	read = make([]int64, 0, len(sigs))
	for _, s := range sigs {
		if rank[s.ArticleID] >= byTerms && !KeepKeyCandidate(d, s.Data) {
			continue
		}
		c, ok := parseSignature(s, bad)
		if !ok {
			continue
		}
		cands = append(cands, c)
		read = append(read, s.ArticleID)
	}
	return cands, read
}

// DocStories returns the distinct stories of docs in the order of their
// first document: the stories whose members a ShortDoc is compared with
// (MemberDocs).
func DocStories(docs []Doc) []int64 {
	seen := make(map[int64]bool, len(docs))
	var out []int64
	for _, c := range docs {
		if !seen[c.Story] {
			seen[c.Story] = true
			out = append(out, c.Story)
		}
	}
	return out
}

// MemberDocs returns the members of stories (DocStories of the
// candidates) from the signatures read for them (the newest StoryMembers
// of each story within the story window), for Matcher.MatchStoryGroups:
// ordered by their story's place in stories, then newest first (then by
// higher article id), with the articles in read (the candidates already
// compared) left out. sigs is sorted in place. A signature that does not
// parse is left out and given to bad (when not nil).
func MemberDocs(stories, read []int64, sigs []StoredSignature, bad func(StoredSignature, error)) []Doc {
	order := make(map[int64]int, len(stories))
	for i, st := range stories {
		if _, ok := order[st]; !ok {
			order[st] = i
		}
	}
	slices.SortFunc(sigs, func(x, y StoredSignature) int {
		if c := cmp.Compare(order[x.StoryID], order[y.StoryID]); c != 0 {
			return c
		}
		if c := y.Published.Compare(x.Published); c != 0 {
			return c
		}
		return cmp.Compare(y.ArticleID, x.ArticleID)
	})
	skip := make(map[int64]bool, len(read))
	for _, id := range read {
		skip[id] = true
	}
	members := make([]Doc, 0, len(sigs))
	for _, s := range sigs {
		if skip[s.ArticleID] {
			continue
		}
		c, ok := parseSignature(s, bad)
		if !ok {
			continue
		}
		members = append(members, c)
	}
	return members
}

// parseSignature returns the document of s, or false when s does not
// parse, after giving s and the error to bad (when not nil).
func parseSignature(s StoredSignature, bad func(StoredSignature, error)) (Doc, bool) {
	c, err := s.doc()
	if err != nil {
		if bad != nil {
			bad(s, err)
		}
		return Doc{}, false
	}
	return c, true
}

// JoinStory returns the story d joins, 0 for none: among its candidates
// (CandidateDocs) by MatchStory, or, for a ShortDoc d with candidates,
// among whole stories, the candidates with the other members of their
// stories (MemberDocs), by MatchStoryGroups.
func (m Matcher) JoinStory(d Doc, cands, members []Doc) int64 {
	var i int
	if WholeStories(d, cands) {
		i = m.MatchStoryGroups(d, cands, members)
	} else {
		i = m.MatchStory(d, cands)
	}
	switch {
	case i < 0:
		return 0
	case i < len(cands):
		return cands[i].Story
	default:
		return members[i-len(cands)].Story
	}
}

// WholeStories reports whether d is compared with whole stories (and the
// members of its candidates' stories are to be read): when it is a
// ShortDoc with candidates.
func WholeStories(d Doc, cands []Doc) bool { return ShortDoc(d) && len(cands) > 0 }
