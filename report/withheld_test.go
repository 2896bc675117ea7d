package report

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMeasureJSONWithheldIsNull(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    Measure
		want string
	}{
		{"shown value stays a number", Measure{ID: "eat.enrolled", Label: "Enrolled", Value: 2880, N: 2880, Text: "2,880"},
			`{"id":"eat.enrolled","label":"Enrolled","value":2880,"n":2880,"definition":"","text":"2,880"}`},
		{"primary is null with its kind", Measure{ID: "eat.gender.other", Label: `Gender: "value":3,`, Value: 3, N: 40, Withheld: WithheldPrimary, Text: "<5"},
			`{"id":"eat.gender.other","label":"Gender: \"value\":3,","value":null,"n":40,"definition":"","withheld":"primary","text":"\u003c5"}`},
		{"secondary is null with its kind", Measure{ID: "eat.gender.male", Label: "Male", Value: 12.5, N: 40, Unit: "%", Withheld: WithheldSecondary, Text: "[c]"},
			`{"id":"eat.gender.male","label":"Male","value":null,"n":40,"unit":"%","definition":"","withheld":"secondary","text":"[c]"}`},
		{"withheld count's n is null, never 0", Measure{ID: "eat.post.duplicates", Label: `Post: "n":1`, Unit: "learners", Withheld: WithheldPrimary, Text: "<5"},
			`{"id":"eat.post.duplicates","label":"Post: \"n\":1","value":null,"n":null,"unit":"learners","definition":"","withheld":"primary","text":"\u003c5"}`},
		{"shown zero count keeps its n", Measure{ID: "eat.withdrawn", Label: "Withdrawn", Unit: "learners", Text: "0"},
			`{"id":"eat.withdrawn","label":"Withdrawn","value":0,"n":0,"unit":"learners","definition":"","text":"0"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.m)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.want {
				t.Errorf("got  %s\nwant %s", b, tc.want)
			}
		})
	}
}

func TestMarks(t *testing.T) {
	if got := WithheldPrimary.Mark(5); got != "<5" {
		t.Errorf("primary mark = %q", got)
	}
	if got := WithheldSecondary.Mark(5); got != "[c]" || got == "–" {
		t.Errorf("secondary mark = %q", got)
	}
	if n := MarksNote(5, true, true); !strings.Contains(n, "<5") || !strings.Contains(n, "[c]") {
		t.Errorf("note = %q", n)
	}
	if MarksNote(5, false, false) != "" {
		t.Error("note without marks")
	}
}
