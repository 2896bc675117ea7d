package ingest

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// linkedStudy copies the tiny study to a temporary folder with the survey's
// edx_username column rewritten by ids (the finished and unfinished responses in
// file order: ana_s, chen_li, nobody_here, ana_s, dmitri_iv), the study.yaml edited
// by edit, and extra files written, and loads it.
func linkedStudy(t *testing.T, ids []string, edit func(string) string, extra map[string]string) (*report.Dataset, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/tiny")); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "T101_pre-course_survey.csv")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-3 != len(ids) {
		t.Fatalf("%d responses, %d ids", len(rows)-3, len(ids))
	}
	for i, id := range ids {
		rows[3+i][len(rows[3+i])-1] = id
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.WriteAll(rows)
	for file, content := range extra {
		if err := os.WriteFile(filepath.Join(dir, file), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(name, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	y := edit(string(readFixture(t, "tiny/study.yaml")))
	s, err := study.Parse(filepath.Join(dir, "study.yaml"), []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	return Load(s)
}

// linkedLearners lists the pseudonyms the survey's responses linked to, "" where
// none.
func linkedLearners(ds *report.Dataset) []string {
	var out []string
	for _, r := range ds.Responses {
		out = append(out, r.Learner)
	}
	return out
}

func withIDType(idType string) func(string) string {
	return func(y string) string {
		return strings.Replace(y, "    id_column: edx_username\n", "    id_column: edx_username\n    id_type: "+idType+"\n", 1)
	}
}

// anonIDs is an instructor-dashboard anonymized-ids export of the tiny course's
// four learners (user ids 101–104).
const anonIDs = `"User ID","Anonymized User ID","Course Specific Anonymized User ID"
"101","0f3c1a9e5b7d4e2a8c6b0d1e3f5a7c9b","a1b2c3d4e5f60718293a4b5c6d7e8f90"
"102","1e2d3c4b5a69788796a5b4c3d2e1f0aa","b2c3d4e5f60718293a4b5c6d7e8f90a1"
"103","2d3c4b5a69788796a5b4c3d2e1f0aabb","c3d4e5f60718293a4b5c6d7e8f90a1b2"
"104","3c4b5a69788796a5b4c3d2e1f0aabbcc","d4e5f60718293a4b5c6d7e8f90a1b2c3"
`

func TestSurveyLinkageByIDType(t *testing.T) {
	// By username, as the fixture is: ana_s (101), chen_li (103), nobody_here
	// (no learner), ana_s, dmitri_iv (104, with spaces around it).
	want := []string{Pseudonym(tinySalt, "101"), Pseudonym(tinySalt, "103"), "", Pseudonym(tinySalt, "101"), Pseudonym(tinySalt, "104")}
	tests := []struct {
		name  string
		ids   []string
		edit  func(string) string
		extra map[string]string
	}{
		{"username", []string{"ana_s", "chen_li", "nobody_here", "ana_s", "  dmitri_iv "}, func(y string) string { return y }, nil},
		{"numeric user id", []string{"101", "103", "999999", "101", " 104"}, withIDType("user_id"), nil},
		{"e-mail in any case", []string{"Ana.Soren@Example.org", "chen.li@example.cn", "someone@example.com", "ana.soren@example.org", "D.Ivanov@example.ru "}, withIDType("email"), nil},
		{"anonymized ids of both kinds through the mapping", []string{"A1B2C3D4E5F60718293A4B5C6D7E8F90", "2d3c4b5a69788796a5b4c3d2e1f0aabb", "ffffffffffffffffffffffffffffffff", "0f3c1a9e5b7d4e2a8c6b0d1e3f5a7c9b", "d4e5f60718293a4b5c6d7e8f90a1b2c3"},
			func(y string) string {
				y = withIDType("anonymous")(y)
				return strings.Replace(y, "      - format: edx-grades\n", "      - format: edx-anonymous-ids\n        path: anon-ids.csv\n      - format: edx-grades\n", 1)
			}, map[string]string{"anon-ids.csv": anonIDs}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds, err := linkedStudy(t, tc.ids, tc.edit, tc.extra)
			if err != nil {
				t.Fatal(err)
			}
			if got := linkedLearners(ds); !slices.Equal(got, want) {
				t.Errorf("linked %q, want %q", got, want)
			}
		})
	}
}

func TestSurveyLinkingUnderHalfIsAnError(t *testing.T) {
	ids := []string{"101", "103", "999999", "101", "104"}
	tests := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"user ids read as usernames", func(y string) string { return y },
			`study.yaml:26: survey pre of course tiny: linked 0 of 4 finished responses (0.0 %) to learners of the course, matching column "edx_username" as username against the 4 usernames of the learner profile; ` +
				`the values that did not link are 4 whole numbers (3–6 characters); they look like id_type: user_id. Set id_column and id_type (username, user_id, email, anonymous) to what the survey carries, or linked: false if it is not meant to be linked`},
		{"user ids read as e-mail addresses", withIDType("email"),
			`study.yaml:26: survey pre of course tiny: linked 0 of 4 finished responses (0.0 %) to learners of the course, matching column "edx_username" as email against the 4 e-mail addresses of the learner profile; ` +
				`the values that did not link are 4 whole numbers (3–6 characters); they look like id_type: user_id. Set id_column and id_type (username, user_id, email, anonymous) to what the survey carries, or linked: false if it is not meant to be linked`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := linkedStudy(t, ids, tc.edit, nil)
			if err == nil {
				t.Fatal("a survey linking 0 % loaded without an error")
			}
			got := err.Error()
			got = got[strings.Index(got, "study.yaml:"):] // after the temporary folder
			if got != tc.want {
				t.Errorf("error\n got %s\nwant %s", got, tc.want)
			}
			for _, id := range ids {
				if strings.Contains(err.Error(), `"`+id+`"`) || strings.Contains(err.Error(), " "+id+" ") {
					t.Errorf("error shows a raw id value %q", id)
				}
			}
		})
	}
}

func TestSurveyLinkedFalse(t *testing.T) {
	ds, err := linkedStudy(t, []string{"101", "103", "999999", "101", "104"}, func(y string) string {
		return strings.Replace(y, "    id_column: edx_username\n", "    linked: false\n", 1)
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := linkedLearners(ds); !slices.Equal(got, make([]string, 5)) {
		t.Errorf("an unlinked survey linked %q", got)
	}
}

func TestSurveyLinkingHalfIsEnough(t *testing.T) {
	// Two of four finished responses link (ana_s twice): exactly half passes.
	if _, err := linkedStudy(t, []string{"ana_s", "chen_li", "x", "ana_s", "y"}, func(y string) string { return y }, nil); err != nil {
		t.Fatal(err)
	}
}

func TestReadAnonymousIDsErrors(t *testing.T) {
	c := tinyCourse(t)
	err := ReadAnonymousIDs(strings.NewReader("User ID,Anonymized User ID\nabc,0f3c\n"), "anon.csv", c)
	checkErr(t, err, `anon.csv:2: column "User ID": want a numeric edX user id, got "abc"`)
	err = ReadAnonymousIDs(strings.NewReader("User ID,hash\n101,0f3c\n"), "anon.csv", c)
	if err == nil || !strings.HasPrefix(err.Error(), "anon.csv:1: want an anonymized id column") {
		t.Errorf("error %v, want one about the missing anonymized column", err)
	}
	// Keyed by username: mapped through the profile.
	if err := ReadAnonymousIDs(strings.NewReader("username,anonymous_user_id\nbjorn_k,ABC\nstranger,DEF\n"), "anon.csv", c); err != nil {
		t.Fatal(err)
	}
	if id, ok := c.linkLearner(" abc ", "anonymous"); !ok || id != "102" {
		t.Errorf("abc links to %q, %v; want 102", id, ok)
	}
	if _, ok := c.linkLearner("def", "anonymous"); ok {
		t.Error("an anonymized id of no learner linked")
	}
}
