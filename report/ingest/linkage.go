package ingest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/moocreport/moocreport/report/study"
)

// linkLearner resolves a survey's id cell to the raw edX user id of a learner of
// course c, by what the survey says the column holds (study.IDTypes): a username or
// an e-mail address looked up in the profile, a numeric user id the profile or
// enrolment lists, or an anonymized id looked up in the course's edx-anonymous-ids
// source. Anything else links no one.
func (c *Course) linkLearner(v, idType string) (string, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", false
	}
	switch idType {
	case "", "username":
		return c.UserID(v)
	case "user_id":
		_, ok := c.ids[v]
		return v, ok
	case "email":
		id, ok := c.emails[strings.ToLower(v)]
		return id, ok
	case "anonymous":
		id, ok := c.anon[strings.ToLower(v)]
		if _, listed := c.ids[id]; ok && len(c.ids) > 0 && !listed {
			return "", false // mapped, but not a learner of this course
		}
		return id, ok
	}
	return "", false
}

// Linkage counts how a survey's finished responses linked to learners, and what
// the id values of those that did not link look like — their shape only, never a
// value, as the values are personal data.
type Linkage struct {
	Finished, Linked int
	shapes           map[string]int
	lengths          map[string][2]int // shape → shortest and longest value
}

// Linkage returns the tally of survey instrument inst read so far for course c.
func (c *Course) Linkage(inst string) Linkage {
	if t := c.links[inst]; t != nil {
		return *t
	}
	return Linkage{}
}

// count records one finished response's id value and whether it linked.
func (c *Course) countLink(inst, v string, linked bool) {
	if c.links == nil {
		c.links = map[string]*Linkage{}
	}
	t := c.links[inst]
	if t == nil {
		t = &Linkage{shapes: map[string]int{}, lengths: map[string][2]int{}}
		c.links[inst] = t
	}
	t.Finished++
	if linked {
		t.Linked++
		return
	}
	v = strings.TrimSpace(v)
	s := shape(v)
	t.shapes[s]++
	n := len([]rune(v))
	if r, ok := t.lengths[s]; !ok {
		t.lengths[s] = [2]int{n, n}
	} else {
		t.lengths[s] = [2]int{min(r[0], n), max(r[1], n)}
	}
}

// shape classifies an id value by the kind of identifier it looks like.
func shape(v string) string {
	switch {
	case v == "":
		return "empty"
	case isDigits(v):
		return "whole numbers"
	case strings.Count(v, "@") == 1 && strings.Contains(v[strings.Index(v, "@"):], "."):
		return "e-mail addresses"
	case len(v) == 32 && strings.Trim(strings.ToLower(v), "0123456789abcdef") == "":
		return "32-digit hexadecimal ids (like edX anonymized ids)"
	case strings.ContainsAny(v, " \t"):
		return "text with spaces"
	}
	return "words without spaces"
}

// describe sums up the unlinked values' shapes, most common first:
// `380 whole numbers (5–7 characters), 12 empty`.
func (t Linkage) describe() string {
	kinds := make([]string, 0, len(t.shapes))
	for k := range t.shapes {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		a, b := kinds[i], kinds[j]
		return t.shapes[a] > t.shapes[b] || t.shapes[a] == t.shapes[b] && a < b
	})
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%d %s", t.shapes[k], k)
		if r := t.lengths[k]; k != "empty" {
			if r[0] == r[1] {
				parts[i] += fmt.Sprintf(" (%d characters)", r[0])
			} else {
				parts[i] += fmt.Sprintf(" (%d–%d characters)", r[0], r[1])
			}
		}
	}
	return strings.Join(parts, ", ")
}

// hint proposes the id type the unlinked values look like, when it is not the one
// the survey declared.
func (t Linkage) hint(idType string) string {
	most, n := "", 0
	for k, c := range t.shapes {
		if c > n || c == n && k < most {
			most, n = k, c
		}
	}
	want := map[string]string{"whole numbers": "user_id", "e-mail addresses": "email",
		"32-digit hexadecimal ids (like edX anonymized ids)": "anonymous"}[most]
	if want == "" || want == idType || idType == "" && want == "username" {
		return ""
	}
	return fmt.Sprintf("; they look like id_type: %s", want)
}

// checkLinkage refuses a survey that linked fewer than half its finished responses
// to learners — a wrong id column or id type would otherwise withhold every result
// that needs linked learners without a word — unless the study declares it
// unlinked. The error says what was tried, never a personal value.
func (l *loader) checkLinkage(sv study.Survey, c *Course) {
	if !sv.IsLinked() {
		return
	}
	t := c.Linkage(sv.Key)
	if t.Finished == 0 || 2*t.Linked >= t.Finished {
		return
	}
	idType := sv.IDType
	if idType == "" {
		idType = "username"
	}
	l.errs = append(l.errs, &ParseError{File: l.s.File, Line: sv.Line, Err: fmt.Errorf(
		"survey %s of course %s: linked %d of %d finished responses (%.1f %%) to learners of the course, matching column %q as %s against %s; "+
			"the values that did not link are %s%s. Set id_column and id_type (%s) to what the survey carries, or linked: false if it is not meant to be linked",
		sv.Key, sv.Course, t.Linked, t.Finished, 100*float64(t.Linked)/float64(t.Finished), sv.IDColumn, idType, c.linkTarget(idType),
		t.describe(), t.hint(idType), strings.Join(study.IDTypes, ", "))})
}

// linkTarget says what an id type is looked up in, with how many entries it holds.
func (c *Course) linkTarget(idType string) string {
	switch idType {
	case "user_id":
		return fmt.Sprintf("the %d user ids of the course's learners", len(c.ids))
	case "email":
		return fmt.Sprintf("the %d e-mail addresses of the learner profile", len(c.emails))
	case "anonymous":
		return fmt.Sprintf("the %d anonymized ids of the course's edx-anonymous-ids source", len(c.anon))
	}
	return fmt.Sprintf("the %d usernames of the learner profile", len(c.users))
}
