package scaffold

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Scale is a response scale of the proposed study, and optionally the
// items of a multi-item scale.
type Scale struct {
	Key    string
	Labels []string
	Saw    string
	Items  map[string][]string // instrument key → question ids
	// Of names the response scale whose labels an item scale repeats.
	Of string
}

// knownScales are the agreement, frequency and rating scales survey
// tools offer, lowest point first; an item whose answers all are labels
// of one is a Likert item. Five-point scales come first: where answers fit
// several (only "Agree" and "Disagree" seen), the commonest is meant.
var knownScales = []struct {
	key    string
	labels []string
}{
	{"agree5", []string{"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}},
	{"frequency5", []string{"Never", "Rarely", "Sometimes", "Often", "Always"}},
	{"satisfaction5", []string{"Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"}},
	{"importance5", []string{"Not at all important", "Slightly important", "Moderately important", "Very important", "Extremely important"}},
	{"likely5", []string{"Very unlikely", "Unlikely", "Neither likely nor unlikely", "Likely", "Very likely"}},
	{"quality5", []string{"Very poor", "Poor", "Fair", "Good", "Excellent"}},
	{"agree7", []string{"Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree", "Agree", "Strongly agree"}},
	{"agree4", []string{"Strongly disagree", "Disagree", "Agree", "Strongly agree"}},
}

// knownScale returns the first known scale holding every answer.
func knownScale(answers map[string]int) (string, []string) {
	if len(answers) == 0 {
		return "", nil
	}
	for _, s := range knownScales {
		in := map[string]bool{}
		for _, l := range s.labels {
			in[strings.ToLower(l)] = true
		}
		all := true
		for a := range answers {
			all = all && in[strings.ToLower(strings.TrimSpace(a))]
		}
		if all {
			return s.key, s.labels
		}
	}
	return "", nil
}

// scale returns the key of the response scale with these labels, adding
// it under key when new (a .qsf's own scale gets its question's tag).
func (p *Plan) scale(key string, labels []string, saw string) string {
	for _, s := range p.Scales {
		if s.Items == nil && equalFold(s.Labels, labels) {
			return s.Key
		}
	}
	for p.scaleByKey(key) != nil {
		key += "-b"
	}
	p.Scales = append(p.Scales, &Scale{Key: key, Labels: labels, Saw: saw})
	return key
}

func (p *Plan) scaleByKey(k string) *Scale {
	for _, s := range p.Scales {
		if s.Key == k {
			return s
		}
	}
	return nil
}

func equalFold(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

var itemSuffix = regexp.MustCompile(`^(.+)_([0-9]+)$`)

// proposeScales proposes a multi-item scale for each group of Likert
// items sharing a stem (Q5_1 … Q5_4) on one response scale, where every
// survey of that instrument key has the same group: study.yaml lists a
// scale's items per instrument key, for all courses at once.
func (p *Plan) proposeScales() {
	type group struct {
		ids   []string
		scale string
	}
	byInst := map[string]map[string]*group{} // instrument → stem → group, per survey
	agree := map[string]map[string]bool{}    // instrument → stem → same in every survey
	for _, sv := range p.Surveys {
		groups := map[string]*group{}
		for _, q := range sv.Questions {
			m := itemSuffix.FindStringSubmatch(q.ID)
			if q.Type != "likert" || m == nil {
				continue
			}
			g := groups[m[1]]
			if g == nil {
				g = &group{scale: q.Scale}
				groups[m[1]] = g
			}
			if g.scale != q.Scale {
				g.scale = "" // mixed scales: no scale score
			}
			g.ids = append(g.ids, q.ID)
		}
		prev, seen := byInst[sv.Key]
		if agree[sv.Key] == nil {
			agree[sv.Key] = map[string]bool{}
		}
		for stem, g := range groups {
			ok := len(g.ids) >= 2 && g.scale != ""
			if seen {
				pg := prev[stem]
				ok = ok && agree[sv.Key][stem] && pg != nil && strings.Join(pg.ids, ",") == strings.Join(g.ids, ",")
			}
			agree[sv.Key][stem] = ok
		}
		if seen {
			for stem := range prev {
				if groups[stem] == nil {
					agree[sv.Key][stem] = false
				}
			}
		} else {
			byInst[sv.Key] = groups
		}
	}
	for _, inst := range slices.Sorted(maps.Keys(byInst)) {
		for _, stem := range slices.Sorted(maps.Keys(byInst[inst])) {
			g := byInst[inst][stem]
			if !agree[inst][stem] {
				continue
			}
			key := slug(inst + "-" + stem)
			p.Scales = append(p.Scales, &Scale{Key: key, Labels: p.scaleByKey(g.scale).Labels, Of: g.scale,
				Items: map[string][]string{inst: g.ids},
				Saw:   fmt.Sprintf("items %s of every %q survey share the stem %s and the scale %s: a scale score and Cronbach's alpha are proposed; remove it if they do not measure one thing", strings.Join(g.ids, ", "), inst, stem, g.scale)})
		}
	}
	sort.SliceStable(p.Scales, func(i, j int) bool { return p.Scales[i].Key < p.Scales[j].Key })
}
