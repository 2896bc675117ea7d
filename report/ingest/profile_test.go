package ingest

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

func TestReadProfile(t *testing.T) {
	c := &Course{Key: "tiny", Salt: tinySalt}
	got, err := ReadProfile(open(t, "tiny/TinyX_T101_2026_student_profile_info.csv"), "profile.csv", c)
	if err != nil {
		t.Fatal(err)
	}
	want := []report.Learner{
		{ID: pid("101"), Course: "tiny", YearOfBirth: 1990, Gender: "f", Education: "m", Country: "DK", Mode: "verified", Verified: true},
		{ID: pid("102"), Course: "tiny", YearOfBirth: 1985, Gender: "m", Education: "b", Country: "FI", Mode: "audit"},
		{ID: pid("103"), Course: "tiny", Country: "CN", Mode: "audit"},
		{ID: pid("104"), Course: "tiny", YearOfBirth: 2001, Gender: "o", Education: "hs", Mode: "honor"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadProfile:\n got %+v\nwant %+v", got, want)
	}
	for user, id := range map[string]string{"ana_s": "101", "chen_li": "103", "dmitri_iv": "104"} {
		if got, ok := c.UserID(user); !ok || got != id {
			t.Errorf("UserID(%q) = %q, %v; want %q", user, got, ok, id)
		}
	}
	if _, ok := c.UserID("nobody"); ok {
		t.Error("UserID of an unknown username succeeded")
	}
	// A second export of the same course may not list a learner again.
	_, err = ReadProfile(open(t, "tiny/TinyX_T101_2026_student_profile_info.csv"), "again.csv", c)
	checkErr(t, err, `again.csv:2: column "id": duplicate: learner already listed at profile.csv:2`)
}

func TestReadProfileErrors(t *testing.T) {
	tests := []struct {
		name, file, want string
	}{
		{"row with a missing field", "bad/profile_wrong_columns.csv",
			`bad/profile_wrong_columns.csv:4: wrong number of fields: want 16, got 15`},
		{"required columns missing, all named", "bad/profile_missing_columns.csv",
			"bad/profile_missing_columns.csv:1: column \"username\": missing from the header\n" +
				"bad/profile_missing_columns.csv:1: column \"country\": missing from the header"},
		{"duplicate learner", "bad/profile_duplicate.csv",
			`bad/profile_duplicate.csv:4: column "id": duplicate: learner already listed at bad/profile_duplicate.csv:2`},
		{"year of birth not a year", "bad/profile_bad_year.csv",
			`bad/profile_bad_year.csv:2: column "year_of_birth": want a 4-digit year or nothing, got "'90"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadProfile(open(t, tt.file), tt.file, &Course{Key: "tiny", Salt: tinySalt})
			checkErr(t, err, tt.want)
		})
	}
	t.Run("empty file", func(t *testing.T) {
		_, err := ReadProfile(bytes.NewReader(nil), "empty.csv", &Course{})
		checkErr(t, err, "empty.csv: empty file: want a header row")
	})
	t.Run("bare quote", func(t *testing.T) {
		in := "id,username,year_of_birth,gender,level_of_education,enrollment_mode,verification_status,country\n1,a\"b,,,,audit,N/A,\n"
		_, err := ReadProfile(bytes.NewReader([]byte(in)), "q.csv", &Course{})
		checkErr(t, err, `q.csv:2: byte 4: bare " in non-quoted-field`)
	})
}

// FuzzReadProfile feeds arbitrary bytes to the profile reader: it may
// reject them, but must not panic, and what it accepts must be
// pseudonymised.
func FuzzReadProfile(f *testing.F) {
	for _, name := range []string{"tiny/TinyX_T101_2026_student_profile_info.csv", "bad/profile_wrong_columns.csv", "bad/profile_duplicate.csv", "bad/profile_missing_columns.csv"} {
		f.Add(readFixture(f, name))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ls, err := ReadProfile(bytes.NewReader(b), "f.csv", &Course{Key: "k", Salt: "s"})
		if err != nil {
			return
		}
		for _, l := range ls {
			if len(l.ID) != 13 || l.ID[0] != 'L' {
				t.Fatalf("learner id %q is not a pseudonym", l.ID)
			}
		}
	})
}

// TestSharedUsername checks that a username listed under two user ids
// links neither learner (survey responses naming it stay unlinked) and is
// counted once, in the file where the second user id appeared.
func TestSharedUsername(t *testing.T) {
	const head = "id,username,name,email,year_of_birth,gender,level_of_education,enrollment_mode,verification_status,country\n"
	c := &Course{Key: "k", Salt: tinySalt}
	ls, err := ReadProfile(strings.NewReader(head+"1,ana,,,,,,audit,,\n2,bo,,,,,,audit,,\n3,ana,,,,,,audit,,\n"), "a.csv", c)
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 3 {
		t.Errorf("%d learners, want 3: both user ids are still learners", len(ls))
	}
	if _, err := ReadProfile(strings.NewReader(head+"4,ana,,,,,,audit,,\n5,cy,,,,,,audit,,\n6,cy,,,,,,audit,,\n"), "b.csv", c); err != nil {
		t.Fatal(err)
	}
	for u, want := range map[string]bool{"ana": false, "bo": true, "cy": false} {
		if _, ok := c.UserID(u); ok != want {
			t.Errorf("UserID(%q) linked %v, want %v", u, ok, want)
		}
	}
	want := []report.Skip{{File: "a.csv", Reason: reasonSharedUsername, Count: 1}, {File: "b.csv", Reason: reasonSharedUsername, Count: 1}}
	if got := c.usernameSkips(); !reflect.DeepEqual(got, want) {
		t.Errorf("skips %+v, want %+v", got, want)
	}
	sv := study.Survey{Key: "pre", IDColumn: "u", Questions: []study.Question{{ID: "Q1", Type: "single"}}}
	rs, err := ReadCSVSurvey(strings.NewReader("u,Q1\nana,yes\nbo,no\n"), "s.csv", sv, c)
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Learner != "" || rs[1].Learner != pid("2") {
		t.Errorf("responses linked to %q and %q, want none and bo's", rs[0].Learner, rs[1].Learner)
	}
}
