package sigv4

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestVerifyPresigned(t *testing.T) {
	get := req{method: http.MethodGet, url: "http://127.0.0.1:4566/bucket/dir/a%20b.txt", service: "s3"}
	withToken := get
	withToken.cred = temporary
	tokenStripped := func() *http.Request {
		r := withToken.presign(t, time.Hour)
		qs := r.URL.Query()
		qs.Del("X-Amz-Security-Token")
		r.URL.RawQuery = qs.Encode()
		return r
	}
	tests := []struct {
		name string
		r    func() *http.Request
		now  time.Time
		want *Kind
	}{
		{"fresh", func() *http.Request { return get.presign(t, 15*time.Minute) }, signedAt, nil},
		{"at the last second", func() *http.Request { return get.presign(t, 15*time.Minute) }, signedAt.Add(15 * time.Minute), nil},
		{"a week", func() *http.Request { return get.presign(t, 7*24*time.Hour) }, signedAt.Add(6 * 24 * time.Hour), nil},
		{"with a session token", func() *http.Request { return withToken.presign(t, time.Hour) }, signedAt, nil},
		{"STS GetCallerIdentity as GET", func() *http.Request {
			q := req{method: http.MethodGet, url: "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", service: "sts"}
			return q.presign(t, time.Minute)
		}, signedAt, nil},
		{"STS without X-Amz-Expires: 15 minutes", func() *http.Request {
			q := req{method: http.MethodGet, url: "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", service: "sts"}
			return q.presign(t, -1)
		}, signedAt.Add(15 * time.Minute), nil},
		{"STS without X-Amz-Expires after 15 minutes", func() *http.Request {
			q := req{method: http.MethodGet, url: "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", service: "sts"}
			return q.presign(t, -1)
		}, signedAt.Add(15*time.Minute + time.Second), ptr(Expired)},
		{"S3 requires X-Amz-Expires", func() *http.Request { return get.presign(t, -1) }, signedAt, ptr(Malformed)},
		{"expired", func() *http.Request { return get.presign(t, 15*time.Minute) }, signedAt.Add(15*time.Minute + time.Second), ptr(Expired)},
		{"signed in the future", func() *http.Request { return get.presign(t, time.Hour) }, signedAt.Add(-16 * time.Minute), ptr(Skewed)},
		{"over a week", func() *http.Request { return get.presign(t, 7*24*time.Hour+time.Second) }, signedAt, ptr(Malformed)},
		{"signature tampered", func() *http.Request {
			r := get.presign(t, time.Hour)
			qs := r.URL.Query()
			sig := []byte(qs.Get("X-Amz-Signature"))
			sig[0] ^= 1
			qs.Set("X-Amz-Signature", string(sig))
			r.URL.RawQuery = qs.Encode()
			return r
		}, signedAt, ptr(BadSignature)},
		{"expiry extended", func() *http.Request {
			r := get.presign(t, time.Hour)
			qs := r.URL.Query()
			qs.Set("X-Amz-Expires", "7200")
			r.URL.RawQuery = qs.Encode()
			return r
		}, signedAt, ptr(BadSignature)},
		{"path changed", func() *http.Request {
			r := get.presign(t, time.Hour)
			r.URL.Path = "/bucket/other"
			r.RequestURI = "/bucket/other?" + r.URL.RawQuery
			return r
		}, signedAt, ptr(BadSignature)},
		{"missing signature", func() *http.Request {
			r := get.presign(t, time.Hour)
			qs := r.URL.Query()
			qs.Del("X-Amz-Signature")
			r.URL.RawQuery = qs.Encode()
			return r
		}, signedAt, ptr(Malformed)},
		{"wrong algorithm", func() *http.Request {
			r := get.presign(t, time.Hour)
			qs := r.URL.Query()
			qs.Set("X-Amz-Algorithm", "AWS4-HMAC-SHA1")
			r.URL.RawQuery = qs.Encode()
			return r
		}, signedAt, ptr(Malformed)},
		{"token stripped", tokenStripped, signedAt, ptr(BadToken)},
		{"unknown key", func() *http.Request {
			q := get
			q.cred.AccessKey = "AKIDUNKNOWN"
			return q.presign(t, time.Hour)
		}, signedAt, ptr(UnknownKey)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := verifierAt(tt.now).Verify(tt.r(), 1<<20)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				if res.Scope.Region != "us-east-1" || res.Cred.AccessKey == "" {
					t.Errorf("result = %+v", res)
				}
				return
			}
			if err == nil {
				t.Fatal("Verify accepted the request")
			}
			if got := kindOf(t, err); got != *tt.want {
				t.Errorf("kind = %s (%v), want %s", kindName(got), err, kindName(*tt.want))
			}
		})
	}
}

func TestVerifyPresignedExpiredTimes(t *testing.T) {
	get := req{method: http.MethodGet, url: "http://127.0.0.1:4566/bucket/key", service: "s3"}
	now := signedAt.Add(time.Hour)
	_, err := verifierAt(now).Verify(get.presign(t, 10*time.Minute), 0)
	var e *Error
	if !errors.As(err, &e) || e.Kind != Expired {
		t.Fatalf("err = %v, want Expired", err)
	}
	if !e.RequestTime.Equal(signedAt.Add(10*time.Minute)) || !e.ServerTime.Equal(now) || e.ExpiresIn != 10*time.Minute {
		t.Errorf("RequestTime %v ServerTime %v ExpiresIn %v", e.RequestTime, e.ServerTime, e.ExpiresIn)
	}
}
