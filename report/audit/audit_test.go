package audit

import (
	"fmt"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

func TestCheck(t *testing.T) {
	p, s := report.WithheldPrimary, report.WithheldSecondary
	sum := func(total string, parts ...string) Relation { return Relation{Where: "t", Total: total, Parts: parts} }
	sub := func(total string, parts ...string) Relation {
		return Relation{Where: "t", Total: total, Parts: parts, Subset: true}
	}
	for _, tc := range []struct {
		name   string
		counts []Count
		rels   []Relation
		want   string
	}{
		{"one withheld part of a shown total is pinned", []Count{{"t", 20, ""}, {"a", 3, p}, {"b", 17, ""}}, []Relation{sum("t", "a", "b")},
			"[a can be worked out: it must be between 3 and 3]"},
		{"a primary and a secondary part protect each other", []Count{{"t", 20, ""}, {"a", 3, p}, {"b", 17, s}}, []Relation{sum("t", "a", "b")}, "[]"},
		// Issue 15: Gender "Other" and "Not stated" both "<5" while total −
		// published = 2: each is exactly 1.
		{"two primaries that must add up to 2", []Count{{"t", 40, ""}, {"o", 1, p}, {"n", 1, p}, {"f", 38, ""}}, []Relation{sum("t", "o", "n", "f")},
			"[n can be worked out: it must be between 1 and 1 o can be worked out: it must be between 1 and 1]"},
		// Issue 15: honor withheld with audit as its complement in the
		// track column, but audit's registrations are all shown in
		// another table: audit, then honor, follow.
		{"a complement pinned by another table", []Count{{"t", 40, ""}, {"h", 3, p}, {"a", 30, s}, {"v", 7, ""}, {"a.before", 10, ""}, {"a.during", 20, ""}},
			[]Relation{sum("t", "h", "a", "v"), sum("a", "a.before", "a.during")},
			"[a can be worked out: it must be between 30 and 30 h can be worked out: it must be between 3 and 3]"},
		{"… and protected when one registration is withheld too", []Count{{"t", 40, ""}, {"h", 3, p}, {"a", 30, s}, {"v", 7, ""}, {"a.before", 10, s}, {"a.during", 20, ""}},
			[]Relation{sum("t", "h", "a", "v"), sum("a", "a.before", "a.during")}, "[]"},
		// Issue 15: every audit learner is graded, and the graded count is
		// shown: audit ≥ 32 = 40 − 7 − 1 pins audit and so honor.
		{"a shown subset bounds a withheld group from below", []Count{{"t", 40, ""}, {"h", 1, p}, {"a", 32, s}, {"v", 7, ""}, {"a.graded", 32, ""}},
			[]Relation{sum("t", "h", "a", "v"), sub("a", "a.graded")},
			"[a can be worked out: it must be between 32 and 32 h can be worked out: it must be between 1 and 1]"},
		{"… which only narrows when the subset is smaller", []Count{{"t", 40, ""}, {"h", 3, p}, {"a", 30, s}, {"v", 7, ""}, {"a.graded", 30, ""}},
			[]Relation{sum("t", "h", "a", "v"), sub("a", "a.graded")}, "[]"},
		{"relations with an unpublished member are not used", []Count{{"t", 20, ""}, {"a", 3, p}}, []Relation{sum("t", "a", "b")}, "[]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Check(5, tc.counts, tc.rels, nil)
			if err != nil {
				t.Fatal(err)
			}
			if g := fmt.Sprint(got); g != tc.want {
				t.Errorf("got  %s\nwant %s", g, tc.want)
			}
		})
	}
}

func TestCheckRejectsFalseRelations(t *testing.T) {
	_, err := Check(5, []Count{{"t", 20, ""}, {"a", 3, report.WithheldPrimary}, {"b", 16, ""}}, []Relation{{Where: "tab", Total: "t", Parts: []string{"a", "b"}}}, nil)
	if err == nil || !strings.Contains(err.Error(), "add up to 19") {
		t.Errorf("err = %v, want the relation named as false", err)
	}
}

func TestCheckTies(t *testing.T) {
	got, err := Check(5, []Count{{"n", 3, report.WithheldPrimary}, {"n.share", 7.5, ""}, {"m", 9, report.WithheldSecondary}, {"m.share", 0, report.WithheldSecondary}},
		nil, []Tie{{"n", "n.share"}, {"m", "m.share"}})
	if err != nil {
		t.Fatal(err)
	}
	if g := fmt.Sprint(got); g != "[n can be worked out from n.share, which is published]" {
		t.Errorf("got %s", g)
	}
}
