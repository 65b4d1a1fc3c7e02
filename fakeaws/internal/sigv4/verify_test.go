package sigv4

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

const stsBody = "Action=GetCallerIdentity&Version=2011-06-15"

func stsRequest() req {
	return req{
		url:    "https://sts.amazonaws.com/",
		body:   stsBody,
		header: http.Header{"Content-Type": {"application/x-www-form-urlencoded; charset=utf-8"}},
	}
}

func TestVerifyHeaderAccepts(t *testing.T) {
	s3get := req{method: http.MethodGet, url: "http://127.0.0.1:4566/bucket/key", service: "s3", sendHash: true}
	tests := []struct {
		name string
		r    func() *http.Request
		cred Credential
		body string
	}{
		{"query protocol, body hash not sent", func() *http.Request { return stsRequest().sign(t) }, longTerm, stsBody},
		{"query string only", func() *http.Request {
			q := stsRequest()
			q.method, q.url, q.body, q.header = http.MethodGet, "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", "", nil
			return q.sign(t)
		}, longTerm, ""},
		{"x-amz-content-sha256 sent", func() *http.Request {
			q := stsRequest()
			q.sendHash = true
			return q.sign(t)
		}, longTerm, stsBody},
		{"UNSIGNED-PAYLOAD", func() *http.Request {
			q := req{method: http.MethodPut, url: "http://127.0.0.1:4566/bucket/key", service: "s3", body: "object body",
				payloadHash: "UNSIGNED-PAYLOAD", sendHash: true}
			return q.sign(t)
		}, longTerm, "object body"},
		{"s3 key with characters to escape", func() *http.Request {
			q := s3get
			q.url = "http://127.0.0.1:4566/bucket/dir/a%20b%2Bc%25d~%C3%A9"
			return q.sign(t)
		}, longTerm, ""},
		{"non-s3 path escaped twice", func() *http.Request {
			q := stsRequest()
			q.url = "https://iam.amazonaws.com/a%20b/c"
			q.service = "iam"
			return q.sign(t)
		}, longTerm, stsBody},
		{"query with reserved characters", func() *http.Request {
			q := s3get
			q.url = "http://127.0.0.1:4566/bucket?list-type=2&prefix=a%2Fb%20c&delimiter=%2F&encoding-type=url&x=%2B"
			return q.sign(t)
		}, longTerm, ""},
		{"s3 subresource without a value", func() *http.Request {
			q := s3get
			q.url = "http://127.0.0.1:4566/bucket?versioning"
			return q.sign(t)
		}, longTerm, ""},
		{"repeated query keys", func() *http.Request {
			q := s3get
			q.url = "http://127.0.0.1:4566/bucket?a=2&b=1&a=1"
			return q.sign(t)
		}, longTerm, ""},
		{"absolute-form request target (through a proxy)", func() *http.Request {
			q := s3get
			q.url = "http://127.0.0.1:4566/bucket/a%20b?list-type=2"
			r := q.sign(t)
			r.RequestURI = "http://127.0.0.1:4566/bucket/a%20b?list-type=2"
			return r
		}, longTerm, ""},
		{"header values with runs of spaces", func() *http.Request {
			q := s3get
			q.header = http.Header{"X-Amz-Meta-Note": {"  a   b  c "}}
			return q.sign(t)
		}, longTerm, ""},
		{"temporary credentials with their token", func() *http.Request {
			q := stsRequest()
			q.cred = temporary
			return q.sign(t)
		}, temporary, stsBody},
		{"14 minutes behind", func() *http.Request {
			q := stsRequest()
			q.at = signedAt.Add(-14 * time.Minute)
			return q.sign(t)
		}, longTerm, stsBody},
		{"14 minutes ahead", func() *http.Request {
			q := stsRequest()
			q.at = signedAt.Add(14 * time.Minute)
			return q.sign(t)
		}, longTerm, stsBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body, err := verifyAndRead(verifierAt(signedAt), tt.r())
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if res.Cred.AccessKey != tt.cred.AccessKey || res.Cred.Account != tt.cred.Account {
				t.Errorf("credential = %s/%s, want %s/%s", res.Cred.AccessKey, res.Cred.Account, tt.cred.AccessKey, tt.cred.Account)
			}
			if string(body) != tt.body {
				t.Errorf("body = %q, want %q", body, tt.body)
			}
			if res.ContentLength != int64(len(tt.body)) {
				t.Errorf("ContentLength = %d, want %d", res.ContentLength, len(tt.body))
			}
		})
	}
}

func TestVerifyHeaderRejects(t *testing.T) {
	wrongSecret := longTerm
	wrongSecret.Secret = "not-the-secret"
	unknown := longTerm
	unknown.AccessKey = "AKIDUNKNOWN"
	noToken := temporary
	noToken.SessionToken = ""
	wrongToken := temporary
	wrongToken.SessionToken = "FwoGZXIvYXdzEwrong"
	tokenOnLongTerm := longTerm
	tokenOnLongTerm.SessionToken = "FwoGZXIvYXdzEtoken"

	tests := []struct {
		name string
		r    func() *http.Request
		now  time.Time
		want Kind
	}{
		{"unsigned", func() *http.Request {
			return stsRequest().clientRequest(t)
		}, signedAt, Missing},
		{"wrong secret", func() *http.Request {
			q := stsRequest()
			q.cred = wrongSecret
			return q.sign(t)
		}, signedAt, BadSignature},
		{"unknown key", func() *http.Request {
			q := stsRequest()
			q.cred = unknown
			return q.sign(t)
		}, signedAt, UnknownKey},
		{"body changed after signing", func() *http.Request {
			r := stsRequest().sign(t)
			r.Body = io.NopCloser(strings.NewReader("Action=AssumeRole&Version=2011-06-15"))
			return r
		}, signedAt, BadSignature},
		{"signed header changed", func() *http.Request {
			r := stsRequest().sign(t)
			r.Header.Set("Content-Type", "text/plain")
			return r
		}, signedAt, BadSignature},
		{"query changed", func() *http.Request {
			q := stsRequest()
			q.url += "?x=1"
			r := q.sign(t)
			r.URL.RawQuery = "x=2"
			return r
		}, signedAt, BadSignature},
		{"host changed", func() *http.Request {
			r := stsRequest().sign(t)
			r.Host = "iam.amazonaws.com"
			return r
		}, signedAt, BadSignature},
		{"method changed", func() *http.Request {
			r := stsRequest().sign(t)
			r.Method = http.MethodPut
			return r
		}, signedAt, BadSignature},
		{"16 minutes behind", func() *http.Request { return stsRequest().sign(t) }, signedAt.Add(16 * time.Minute), Skewed},
		{"16 minutes ahead", func() *http.Request { return stsRequest().sign(t) }, signedAt.Add(-16 * time.Minute), Skewed},
		{"scope date differs from X-Amz-Date", func() *http.Request {
			r := stsRequest().sign(t)
			r.Header.Set("X-Amz-Date", "20261124T120000Z")
			return r
		}, signedAt.Add(5 * time.Minute), BadSignature},
		{"X-Amz-Date not ISO 8601", func() *http.Request {
			r := stsRequest().sign(t)
			r.Header.Set("X-Amz-Date", "2026-11-23T12:00:00Z")
			return r
		}, signedAt, Malformed},
		{"no date at all", func() *http.Request {
			r := stsRequest().sign(t)
			r.Header.Del("X-Amz-Date")
			return r
		}, signedAt, Malformed},
		{"Authorization without Signature", func() *http.Request {
			r := stsRequest().sign(t)
			h := r.Header.Get("Authorization")
			r.Header.Set("Authorization", h[:strings.Index(h, ", Signature=")])
			return r
		}, signedAt, Malformed},
		{"SigV2 Authorization", func() *http.Request {
			r := stsRequest().sign(t)
			r.Header.Set("Authorization", "AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=")
			return r
		}, signedAt, Malformed},
		{"temporary key without its token", func() *http.Request {
			q := stsRequest()
			q.cred = noToken
			return q.sign(t)
		}, signedAt, BadToken},
		{"temporary key with a wrong token", func() *http.Request {
			q := stsRequest()
			q.cred = wrongToken
			return q.sign(t)
		}, signedAt, BadToken},
		{"long-term key with a token", func() *http.Request {
			q := stsRequest()
			q.cred = tokenOnLongTerm
			return q.sign(t)
		}, signedAt, BadToken},
		{"temporary key past expiry", func() *http.Request {
			q := stsRequest()
			q.cred = temporary
			q.at = temporary.Expires
			return q.sign(t)
		}, temporary.Expires, TokenExpired},
		{"x-amz-content-sha256 not a hash", func() *http.Request {
			q := req{method: http.MethodPut, url: "http://127.0.0.1:4566/b/k", service: "s3", body: "x",
				payloadHash: "NOT-A-HASH", sendHash: true}
			return q.sign(t)
		}, signedAt, PayloadMismatch},
		{"body does not match x-amz-content-sha256", func() *http.Request {
			q := req{method: http.MethodPut, url: "http://127.0.0.1:4566/b/k", service: "s3", body: "the body",
				payloadHash: sha256Hex([]byte("another body")), sendHash: true}
			return q.sign(t)
		}, signedAt, PayloadMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := verifyAndRead(verifierAt(tt.now), tt.r())
			if err == nil {
				t.Fatal("Verify accepted the request")
			}
			if got := kindOf(t, err); got != tt.want {
				t.Errorf("kind = %s (%v), want %s", kindName(got), err, kindName(tt.want))
			}
		})
	}
}

func TestVerifySkewMessages(t *testing.T) {
	_, err := verifierAt(signedAt.Add(20*time.Minute)).Verify(stsRequest().sign(t), 1<<20)
	want := "Signature expired: 20261123T120000Z is now earlier than 20261123T120500Z (20261123T122000Z - 15 min.)"
	if err == nil || err.Error() != want {
		t.Errorf("behind: err = %v, want %q", err, want)
	}
	var e *Error
	if !errors.As(err, &e) || !e.RequestTime.Equal(signedAt) || !e.ServerTime.Equal(signedAt.Add(20*time.Minute)) {
		t.Errorf("behind: times = %+v", e)
	}
	_, err = verifierAt(signedAt.Add(-20*time.Minute)).Verify(stsRequest().sign(t), 1<<20)
	want = "Signature not yet current: 20261123T120000Z is still later than 20261123T115500Z (20261123T114000Z + 15 min.)"
	if err == nil || err.Error() != want {
		t.Errorf("ahead: err = %v, want %q", err, want)
	}
}

func TestVerifyBodyLimit(t *testing.T) {
	q := stsRequest()
	q.body = strings.Repeat("a", 100)
	_, err := verifierAt(signedAt).Verify(q.sign(t), 99)
	var mbe *http.MaxBytesError
	if !errors.As(err, &mbe) {
		t.Fatalf("err = %v, want *http.MaxBytesError", err)
	}
	if _, err := verifierAt(signedAt).Verify(q.sign(t), 100); err != nil {
		t.Fatalf("body of exactly the limit: %v", err)
	}
}

func TestVerifyHeaderSignedWithSDKOptions(t *testing.T) {
	// DisableHeaderHoisting and a session token included in the
	// signature are what the SDK does for S3 presigning and STS.
	q := req{method: http.MethodGet, url: "http://127.0.0.1:4566/bucket/k", service: "s3", sendHash: true,
		header: http.Header{"X-Amz-Meta-A": {"1"}, "X-Amz-Meta-Multi": {"a", " b  c"}, "Range": {"bytes=0-9"}},
		opts:   func(o *v4.SignerOptions) { o.DisableHeaderHoisting = true }}
	q.cred = temporary
	if _, _, err := verifyAndRead(verifierAt(signedAt), q.sign(t)); err != nil {
		t.Fatalf("Verify: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }
