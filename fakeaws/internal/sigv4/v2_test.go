package sigv4

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// The example key and requests of the Amazon S3 documentation on
// Signature Version 2 ("Signing and authenticating REST requests").
var docKey = Credential{
	AccessKey: "AKIAIOSFODNN7EXAMPLE",
	Secret:    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
	Account:   "123456789012",
}

func docVerifier(now time.Time) *Verifier {
	return &Verifier{
		Lookup: func(ak string) (Credential, bool, error) { return docKey, ak == docKey.AccessKey, nil },
		Now:    func() time.Time { return now },
	}
}

func TestVerifyV2(t *testing.T) {
	docDate := time.Date(2007, 3, 27, 19, 36, 42, 0, time.UTC)
	header := func(sig string) *http.Request {
		r := httptest.NewRequest(http.MethodGet, "/johnsmith/photos/puppy.jpg", nil)
		r.Header.Set("Date", "Tue, 27 Mar 2007 19:36:42 +0000")
		r.Header.Set("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:"+sig)
		return r
	}
	query := func(sig string) *http.Request {
		return httptest.NewRequest(http.MethodGet, "/johnsmith/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1175139620&Signature="+sig, nil)
	}
	tests := []struct {
		name string
		r    *http.Request
		now  time.Time
		want Kind // -1: accepted
	}{
		{"header, documented signature", header("bWq2s1WEIj+Ydj0vQ697zp+IXMU="), docDate, -1},
		{"header, wrong signature", header("cWq2s1WEIj+Ydj0vQ697zp+IXMU="), docDate, BadSignature},
		{"header, skewed", header("bWq2s1WEIj+Ydj0vQ697zp+IXMU="), docDate.Add(16 * time.Minute), Skewed},
		{"query, documented signature", query("NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D"), docDate, -1},
		{"query, wrong signature", query("MpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D"), docDate, BadSignature},
		{"query, expired", query("NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D"), time.Unix(1175139621, 0), Expired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := docVerifier(tt.now).Verify(tt.r, 1<<20)
			if tt.want == -1 {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				if res.Cred.AccessKey != docKey.AccessKey || res.Scope.Service != "s3" {
					t.Errorf("result = %+v", res)
				}
				return
			}
			if got := kindOf(t, err); got != tt.want {
				t.Errorf("kind = %s (%v), want %s", kindName(got), err, kindName(tt.want))
			}
		})
	}
}

func TestVerifyV2UnknownKey(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/b/k?AWSAccessKeyId=NOPE&Expires=1175139620&Signature=x", nil)
	_, err := docVerifier(time.Unix(1175139000, 0)).Verify(r, 1<<20)
	if got := kindOf(t, err); got != UnknownKey {
		t.Errorf("kind = %s (%v), want UnknownKey", kindName(got), err)
	}
}
