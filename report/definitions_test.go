package report

import "testing"

func TestDefinitionRef(t *testing.T) {
	secs := []Section{{ID: "learners", Title: "Learners"}, {ID: MethodsID, Title: "Methods and definitions"}}
	for _, tc := range []struct {
		name string
		doc  Document
		term string
		want string
	}{
		{"appendix", Document{Sections: secs}, "Surveys", "See “Surveys” in appendix A."},
		{"numbered section", Document{Sections: append([]Section{{ID: MethodsID, Title: "Methods and definitions"}}, Section{ID: "learners"})}, "Active learners", "See “Active learners” in section 1."},
		{"no methods section", Document{Sections: secs[:1]}, "Scales", "See “Scales” in the methods."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := FindDefinition(&tc.doc, tc.term).Sentence(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if (FindDefinition(&Document{Sections: secs}, "") != DefinitionRef{}) {
		t.Error("an empty term refers somewhere")
	}
	if got := DefinitionAnchor("Retention and engagement funnel"); got != "def-retention-and-engagement-funnel" {
		t.Errorf("anchor %q", got)
	}
	if got := DefinitionAnchor("Passing & certificates."); got != "def-passing-certificates" {
		t.Errorf("anchor %q", got)
	}
}
