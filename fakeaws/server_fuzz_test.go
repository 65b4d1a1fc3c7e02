package fakeaws_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws"
	clocktesting "k8s.io/utils/clock/testing"
)

// FuzzServeHTTP sends arbitrary requests to a server with auth off, so
// that they reach the services: whatever arrives, the answer is an AWS
// answer, never an InternalError (a handler panic or an unmapped error).
func FuzzServeHTTP(f *testing.F) {
	f.Add("POST", "/", "", "Action=GetCallerIdentity&Version=2011-06-15", "sts")
	f.Add("POST", "/", "", "Action=AssumeRole&RoleArn=arn:aws:iam::123456789012:role/x&RoleSessionName=s&DurationSeconds=99999999999999999999", "sts")
	f.Add("POST", "/", "", "Action=CreateRole&RoleName=r&AssumeRolePolicyDocument=%7B%7D&Tags.member.1.Key=k", "iam")
	f.Add("POST", "/", "", "Action=ListRoles&MaxItems=-1&Marker=%00", "iam")
	f.Add("GET", "/", "list-type=2", "", "s3")
	f.Add("PUT", "/bucket-name", "", "", "s3")
	f.Add("PUT", "/bucket-name/key", "", "body", "s3")
	f.Add("GET", "/bucket-name", "list-type=2&max-keys=-5&continuation-token=%zz", "", "s3")
	f.Add("POST", "/bucket-name", "delete", "<Delete><Object><Key>k</Key></Object></Delete>", "s3")
	f.Add("GET", "/_drydock/health", "", "", "")
	f.Add("DELETE", "/a/b/c/../d", "uploadId=x&partNumber=0", "", "s3")

	clk := clocktesting.NewFakeClock(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	srv, err := fakeaws.New(fakeaws.WithAuth(false), fakeaws.WithClock(clk), fakeaws.WithSeed(9), fakeaws.WithMaxBodySize(1<<16))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = srv.Close() })

	f.Fuzz(func(t *testing.T, method, path, query, body, service string) {
		if !validMethod(method) || !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \r\n?#") {
			return
		}
		u := &url.URL{Path: path, RawQuery: query}
		r := httptest.NewRequest(method, "/", strings.NewReader(body))
		r.URL = u
		r.RequestURI = u.RequestURI()
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if service != "" && !strings.ContainsAny(service, "/, \r\n") {
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261123/us-east-1/"+service+"/aws4_request, SignedHeaders=host, Signature=00")
		}
		if path == "/moto-api/reset" || path == "/_drydock/reset" {
			return // wiping state between inputs only slows the fuzzer
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code >= 500 && w.Code != http.StatusNotImplemented {
			t.Fatalf("%s %s?%s (%s) body %q: %d\n%s", method, path, query, service, body, w.Code, w.Body.String())
		}
	})
}

func validMethod(m string) bool {
	switch m {
	case "GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS", "PATCH":
		return true
	}
	return false
}
