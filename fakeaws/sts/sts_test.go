package sts_test

import (
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/creds"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/ids"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
	"github.com/drydock-sandbox/drydock/fakeaws/sts"
	clocktesting "k8s.io/utils/clock/testing"
)

var start = time.Date(2026, 11, 23, 12, 0, 0, 500_000_000, time.UTC)

const (
	account      = "123456789012"
	otherAccount = "210987654321"
)

var root = awsapi.Caller{AccessKey: "test", Account: account, ARN: "arn:aws:iam::" + account + ":root", UserID: account}

// roles is the RoleLookup of the tests: account/name → role ID.
var roles = map[string]string{
	account + "/deploy":      "AROAEXAMPLEDEPLOY0001",
	otherAccount + "/reader": "AROAEXAMPLEREADER0002",
}

func lookupRole(acct, name string) (string, bool, error) {
	id, ok := roles[acct+"/"+name]
	return id, ok, nil
}

type fixture struct {
	db    *store.DB
	clock *clocktesting.FakeClock
	svc   *awsapi.QueryService
}

func newFixture(t *testing.T, dir string) *fixture {
	t.Helper()
	db, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	clk := clocktesting.NewFakeClock(start)
	env := backend.Env{DB: db, Clock: clk, IDs: ids.New(7), Partition: "aws"}
	return &fixture{db: db, clock: clk, svc: sts.New(env, lookupRole)}
}

// call runs one STS action as caller and returns the recorded response.
func (f *fixture) call(t *testing.T, caller awsapi.Caller, params url.Values) *httptest.ResponseRecorder {
	t.Helper()
	body := params.Encode()
	hr := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	f.svc.Serve(w, &awsapi.Request{
		HTTP: hr, Body: hr.Body, ContentLength: int64(len(body)), Service: "sts", Region: "us-east-1",
		Caller: caller, RequestID: "req-1", Now: f.clock.Now(),
	})
	return w
}

type stsError struct {
	Type    string `xml:"Error>Type"`
	Code    string `xml:"Error>Code"`
	Message string `xml:"Error>Message"`
}

func decode[T any](t *testing.T, w *httptest.ResponseRecorder, wantStatus int) T {
	t.Helper()
	var v T
	if w.Code != wantStatus {
		t.Fatalf("status %d, want %d: %s", w.Code, wantStatus, w.Body.String())
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("unmarshal: %v\n%s", err, w.Body.String())
	}
	return v
}

func assumeParams(arn, session string, extra ...string) url.Values {
	v := url.Values{"Action": {"AssumeRole"}, "Version": {"2011-06-15"}, "RoleArn": {arn}, "RoleSessionName": {session}}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	return v
}

type callerIdentity struct {
	XMLName xml.Name
	UserID  string `xml:"GetCallerIdentityResult>UserId"`
	Account string `xml:"GetCallerIdentityResult>Account"`
	Arn     string `xml:"GetCallerIdentityResult>Arn"`
	ReqID   string `xml:"ResponseMetadata>RequestId"`
}

func TestGetCallerIdentity(t *testing.T) {
	f := newFixture(t, "")
	assumed := awsapi.Caller{AccessKey: "ASIAX", Account: otherAccount,
		ARN: "arn:aws:sts::" + otherAccount + ":assumed-role/reader/s1", UserID: "AROAEXAMPLEREADER0002:s1"}
	for _, c := range []awsapi.Caller{root, assumed} {
		t.Run(c.ARN, func(t *testing.T) {
			got := decode[callerIdentity](t, f.call(t, c, url.Values{"Action": {"GetCallerIdentity"}}), 200)
			if got.XMLName.Local != "GetCallerIdentityResponse" || got.XMLName.Space != "https://sts.amazonaws.com/doc/2011-06-15/" {
				t.Errorf("root element %v", got.XMLName)
			}
			if got.Account != c.Account || got.Arn != c.ARN || got.UserID != c.UserID || got.ReqID != "req-1" {
				t.Errorf("identity = %+v, want %+v", got, c)
			}
		})
	}
}

type assumeRoleResponse struct {
	AccessKeyID     string    `xml:"AssumeRoleResult>Credentials>AccessKeyId"`
	SecretAccessKey string    `xml:"AssumeRoleResult>Credentials>SecretAccessKey"`
	SessionToken    string    `xml:"AssumeRoleResult>Credentials>SessionToken"`
	Expiration      time.Time `xml:"AssumeRoleResult>Credentials>Expiration"`
	AssumedRoleID   string    `xml:"AssumeRoleResult>AssumedRoleUser>AssumedRoleId"`
	Arn             string    `xml:"AssumeRoleResult>AssumedRoleUser>Arn"`
	PackedPolicy    int       `xml:"AssumeRoleResult>PackedPolicySize"`
	SourceIdentity  string    `xml:"AssumeRoleResult>SourceIdentity"`
}

func TestAssumeRole(t *testing.T) {
	f := newFixture(t, "")
	tests := []struct {
		name, arn, session string
		extra              []string
		account, roleID    string
		duration           time.Duration
		policy             bool
	}{
		{"default duration", "arn:aws:iam::" + account + ":role/deploy", "ci-run.1@x", nil, account, roles[account+"/deploy"], time.Hour, false},
		{"minimum", "arn:aws:iam::" + account + ":role/deploy", "s2", []string{"DurationSeconds", "900"}, account, roles[account+"/deploy"], 15 * time.Minute, false},
		{"maximum", "arn:aws:iam::" + account + ":role/deploy", "s3", []string{"DurationSeconds", "43200"}, account, roles[account+"/deploy"], 12 * time.Hour, false},
		{"role with a path, other account", "arn:aws:iam::" + otherAccount + ":role/team/a/reader", "s4",
			[]string{"SourceIdentity", "alice", "Policy", `{"Version": "2012-10-17", "Statement": []}`}, otherAccount, roles[otherAccount+"/reader"], time.Hour, true},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := decode[assumeRoleResponse](t, f.call(t, root, assumeParams(tt.arn, tt.session, tt.extra...)), 200)
			if !regexp.MustCompile(`^ASIA[A-Z2-7]{16}$`).MatchString(got.AccessKeyID) {
				t.Errorf("AccessKeyId %q", got.AccessKeyID)
			}
			if len(got.SecretAccessKey) != 40 || !strings.HasPrefix(got.SessionToken, "FwoGZXIvYXdzE") {
				t.Errorf("secret %q token %q", got.SecretAccessKey, got.SessionToken)
			}
			if seen[got.AccessKeyID] {
				t.Errorf("access key %s issued twice", got.AccessKeyID)
			}
			seen[got.AccessKeyID] = true
			// now+duration, on whole seconds as AWS answers.
			if want := start.Truncate(time.Second).Add(tt.duration); !got.Expiration.Equal(want) {
				t.Errorf("Expiration = %v, want %v", got.Expiration, want)
			}
			roleName := tt.arn[strings.LastIndex(tt.arn, "/")+1:]
			if want := "arn:aws:sts::" + tt.account + ":assumed-role/" + roleName + "/" + tt.session; got.Arn != want {
				t.Errorf("Arn = %s, want %s", got.Arn, want)
			}
			if got.AssumedRoleID != tt.roleID+":"+tt.session {
				t.Errorf("AssumedRoleId = %s", got.AssumedRoleID)
			}
			// PackedPolicySize is 0 without a session policy, a percentage with one.
			if (got.PackedPolicy != 0) != tt.policy || got.PackedPolicy < 0 || got.PackedPolicy > 100 {
				t.Errorf("PackedPolicySize = %d with policy %v", got.PackedPolicy, tt.policy)
			}

			// The credentials are known to the credential store, for the
			// role's account, with the token and expiry answered.
			c, ok, err := creds.New(f.db, nil).Lookup(got.AccessKeyID)
			if err != nil || !ok {
				t.Fatalf("Lookup: %v %v", ok, err)
			}
			if c.Secret != got.SecretAccessKey || c.SessionToken != got.SessionToken || c.Account != tt.account ||
				c.ARN != got.Arn || c.UserID != got.AssumedRoleID || !c.Expires.Equal(got.Expiration) {
				t.Errorf("stored credential %+v does not match the answer %+v", c, got)
			}
		})
	}
}

func TestAssumeRoleSourceIdentity(t *testing.T) {
	f := newFixture(t, "")
	got := decode[assumeRoleResponse](t, f.call(t, root, assumeParams("arn:aws:iam::"+account+":role/deploy", "s1", "SourceIdentity", "alice")), 200)
	if got.SourceIdentity != "alice" {
		t.Errorf("SourceIdentity = %q", got.SourceIdentity)
	}
}

func TestAssumeRoleValidation(t *testing.T) {
	f := newFixture(t, "")
	deploy := "arn:aws:iam::" + account + ":role/deploy"
	tests := []struct {
		name    string
		params  url.Values
		status  int
		code    string
		message string
	}{
		{"duration too short", assumeParams(deploy, "s1", "DurationSeconds", "899"), 400, "ValidationError",
			"1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"},
		{"duration too long", assumeParams(deploy, "s1", "DurationSeconds", "43201"), 400, "ValidationError",
			"1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200"},
		{"duration not a number", assumeParams(deploy, "s1", "DurationSeconds", "1h"), 400, "ValidationError", ""},
		{"session name with a colon", assumeParams(deploy, "Session1:2"), 400, "ValidationError",
			"1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"},
		{"session name too short", assumeParams(deploy, "s"), 400, "ValidationError",
			"1 validation error detected: Value 's' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"},
		{"session name too long", assumeParams(deploy, strings.Repeat("s", 65)), 400, "ValidationError",
			"1 validation error detected: Value '" + strings.Repeat("s", 65) + "' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64"},
		{"malformed ARN", assumeParams("nothing-valid-in-here", "s1"), 400, "ValidationError", "nothing-valid-in-here is invalid"},
		{"ARN without partition", assumeParams("arn::b:::something/test-role", "s1"), 400, "ValidationError", "arn::b:::something/test-role is invalid"},
		{"ARN without resource", assumeParams("arn:a:a::aaaaaaaaaa:", "s1"), 400, "ValidationError", "arn:a:a::aaaaaaaaaa: is invalid"},
		{"missing RoleArn", url.Values{"Action": {"AssumeRole"}, "RoleSessionName": {"s1"}}, 400, "MissingParameter", ""},
		{"missing RoleSessionName", url.Values{"Action": {"AssumeRole"}, "RoleArn": {deploy}}, 400, "MissingParameter", ""},
		{"no such role", assumeParams("arn:aws:iam::"+account+":role/nope", "s1"), 403, "AccessDenied",
			"User: arn:aws:iam::" + account + ":root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::" + account + ":role/nope"},
		{"role of another account by name", assumeParams("arn:aws:iam::"+otherAccount+":role/deploy", "s1"), 403, "AccessDenied", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := decode[stsError](t, f.call(t, root, tt.params), tt.status)
			if e.Code != tt.code || e.Type != "Sender" {
				t.Errorf("error %+v, want code %s", e, tt.code)
			}
			if tt.message != "" && e.Message != tt.message {
				t.Errorf("message %q\nwant    %q", e.Message, tt.message)
			}
		})
	}
	// Nothing was issued by the failed calls.
	_ = f.db.View(func(tx *store.Tx) error {
		n, err := tx.Bucket("_global", "sts-credentials").Count("")
		if n != 0 || err != nil {
			t.Errorf("%d credentials stored by failed calls (%v)", n, err)
		}
		return nil
	})
}

func TestAssumeRoleCredentialsSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	f := newFixture(t, dir)
	got := decode[assumeRoleResponse](t, f.call(t, root, assumeParams("arn:aws:iam::"+account+":role/deploy", "s1")), 200)
	if err := f.db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, ok, err := creds.New(db, nil).Lookup(got.AccessKeyID)
	if err != nil || !ok || c.SessionToken != got.SessionToken || !c.Expires.Equal(got.Expiration) {
		t.Errorf("after reopen: %+v %v %v", c, ok, err)
	}
}

func TestUnknownActionAndDeterministicIDs(t *testing.T) {
	f := newFixture(t, "")
	e := decode[stsError](t, f.call(t, root, url.Values{"Action": {"GetSessionTokenX"}}), 400)
	if e.Code != "InvalidAction" {
		t.Errorf("code %s", e.Code)
	}
	// Same seed, same calls: same keys.
	a := decode[assumeRoleResponse](t, f.call(t, root, assumeParams("arn:aws:iam::"+account+":role/deploy", "s1")), 200)
	g := newFixture(t, "")
	b := decode[assumeRoleResponse](t, g.call(t, root, assumeParams("arn:aws:iam::"+account+":role/deploy", "s1")), 200)
	if a.AccessKeyID != b.AccessKeyID || a.SessionToken != b.SessionToken {
		t.Errorf("seeded IDs differ: %s vs %s", a.AccessKeyID, b.AccessKeyID)
	}
}
