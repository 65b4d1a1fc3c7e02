package fakeaws_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/drydock-sandbox/drydock/fakeaws"
)

func TestSDKGetCallerIdentity(t *testing.T) {
	srv, _ := startAt(t, 0, otherKeys)
	tests := []struct {
		name, ak, secret, account string
	}{
		{"default test/test", fakeaws.DefaultAccessKey, fakeaws.DefaultSecret, defaultAccount},
		{"key of another account", otherKey, otherSecret, otherAccount},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			account, arn, userID := identity(t, stsClient(srv, tt.ak, tt.secret, ""))
			if account != tt.account || arn != "arn:aws:iam::"+tt.account+":root" || userID != tt.account {
				t.Errorf("identity = %s %s %s", account, arn, userID)
			}
		})
	}
}

func TestDefaultAccountOption(t *testing.T) {
	srv, _ := startAt(t, 0, fakeaws.WithDefaultAccount("111111111111"))
	if account, arn, _ := identity(t, stsClient(srv, "test", "test", "")); account != "111111111111" || arn != "arn:aws:iam::111111111111:root" {
		t.Errorf("identity = %s %s", account, arn)
	}
}

// TestSDKRejects checks the error codes the SDK clients see when the
// signature cannot be accepted, in STS's and in S3's vocabulary. S3's
// ListBuckets is enough: authentication runs before dispatch.
func TestSDKRejects(t *testing.T) {
	tests := []struct {
		name        string
		offset      time.Duration // server clock minus real time
		ak, secret  string
		stsCode     string
		stsStatus   int
		stsMsg      string // substring
		s3Code      string
		s3Status    int
		s3Substring string
	}{
		{"wrong secret", 0, "test", "wrong", "SignatureDoesNotMatch", 403, "The request signature we calculated does not match",
			"SignatureDoesNotMatch", 403, "does not match"},
		{"unknown key", 0, "AKIDNOBODYKNOWS00000", "test", "InvalidClientTokenId", 403, "The security token included in the request is invalid.",
			"InvalidAccessKeyId", 403, "does not exist in our records"},
		{"signed 20 minutes ago", 20 * time.Minute, "test", "test", "SignatureDoesNotMatch", 403, "Signature expired: ",
			"RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large."},
		{"signed 20 minutes ahead", -20 * time.Minute, "test", "test", "SignatureDoesNotMatch", 403, "Signature not yet current: ",
			"RequestTimeTooSkewed", 403, "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := startAt(t, tt.offset)
			_, err := stsClient(srv, tt.ak, tt.secret, "").GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
			code, msg, status := apiError(t, err)
			if code != tt.stsCode || status != tt.stsStatus || !strings.Contains(msg, tt.stsMsg) {
				t.Errorf("STS: %s (%d) %q; want %s (%d) containing %q", code, status, msg, tt.stsCode, tt.stsStatus, tt.stsMsg)
			}
			_, err = s3Client(srv, tt.ak, tt.secret, "").ListBuckets(context.Background(), &s3.ListBucketsInput{})
			code, msg, status = apiError(t, err)
			if code != tt.s3Code || status != tt.s3Status || !strings.Contains(msg, tt.s3Substring) {
				t.Errorf("S3: %s (%d) %q; want %s (%d) containing %q", code, status, msg, tt.s3Code, tt.s3Status, tt.s3Substring)
			}
		})
	}
}

func TestSkewWithinFifteenMinutes(t *testing.T) {
	for _, offset := range []time.Duration{14 * time.Minute, -14 * time.Minute} {
		t.Run(offset.String(), func(t *testing.T) {
			srv, _ := startAt(t, offset)
			if account, _, _ := identity(t, stsClient(srv, "test", "test", "")); account != defaultAccount {
				t.Errorf("account %s", account)
			}
		})
	}
}

func TestS3SkewErrorDocument(t *testing.T) {
	srv, clk := startAt(t, 20*time.Minute)
	resp, body := call{method: http.MethodGet, service: "s3", sendHash: true}.do(t, srv)
	e := parseS3Error(t, body)
	if resp.StatusCode != 403 || e.Code != "RequestTimeTooSkewed" || e.MaxSkewMilli != "900000" {
		t.Fatalf("%d %+v", resp.StatusCode, e)
	}
	if st, err := time.Parse(time.RFC3339, e.ServerTime); err != nil || !st.Equal(clk.Now().UTC().Truncate(time.Second)) {
		t.Errorf("ServerTime %q, server clock %v", e.ServerTime, clk.Now().UTC())
	}
	if e.RequestID == "" || resp.Header.Get("X-Amz-Request-Id") != e.RequestID || e.HostID == "" {
		t.Errorf("request ID %q, header %q, host ID %q", e.RequestID, resp.Header.Get("X-Amz-Request-Id"), e.HostID)
	}
}

func TestPresignedURLs(t *testing.T) {
	srv, clk := startAt(t, 0)
	ctx := context.Background()
	presigner := s3.NewPresignClient(s3Client(srv, "test", "test", ""))
	get, err := presigner.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("presign-bucket"), Key: aws.String("dir/a b+c.txt")},
		s3.WithPresignExpires(15*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	fetch := func() (*http.Response, []byte) {
		t.Helper()
		resp, err := srv.HTTP.Client().Get(get.URL)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, body
	}

	// Before expiry the signature is accepted: whatever S3 answers, it is
	// not an authentication failure.
	clk.Step(10 * time.Minute)
	resp, body := fetch()
	if resp.StatusCode == http.StatusForbidden {
		t.Fatalf("presigned URL refused before expiry: %s", body)
	}
	if resp.StatusCode == http.StatusNotFound {
		if e := parseS3Error(t, body); e.Code != "NoSuchBucket" {
			t.Errorf("GET of a missing bucket: %+v", e)
		}
	}

	clk.Step(5*time.Minute + 2*time.Second)
	resp, body = fetch()
	e := parseS3Error(t, body)
	if resp.StatusCode != http.StatusForbidden || e.Code != "AccessDenied" || e.Message != "Request has expired" {
		t.Fatalf("after expiry: %d %+v", resp.StatusCode, e)
	}
	if e.XAmzExpires != "900" || e.Expires == "" || e.ServerTime == "" {
		t.Errorf("expired document fields: %+v\n%s", e, body)
	}

	// STS GetCallerIdentity presigned as GET, as EKS tokens are made.
	stsURL, err := sts.NewPresignClient(stsClient(srv, "test", "test", "")).PresignGetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	clk.SetTime(time.Now())
	req, _ := http.NewRequest(stsURL.Method, stsURL.URL, nil)
	for k, vs := range stsURL.SignedHeader {
		if k != "Host" {
			req.Header[k] = vs
		}
	}
	r2, err := srv.HTTP.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Body.Close()
	b2, _ := io.ReadAll(r2.Body)
	if r2.StatusCode != 200 || !strings.Contains(string(b2), "<Account>"+defaultAccount+"</Account>") {
		t.Errorf("presigned STS: %s %d %s", stsURL.Method, r2.StatusCode, b2)
	}
}

func TestUnsignedPayloadAndContentHash(t *testing.T) {
	srv, _ := startAt(t, 0)
	// UNSIGNED-PAYLOAD is accepted: the request reaches S3.
	resp, body := call{method: http.MethodGet, path: "/", service: "s3", payloadHash: "UNSIGNED-PAYLOAD", sendHash: true}.do(t, srv)
	if resp.StatusCode == http.StatusForbidden {
		t.Errorf("UNSIGNED-PAYLOAD refused: %s", body)
	}
	// A query-protocol body signed with its hash in x-amz-content-sha256.
	resp, body = call{body: "Action=GetCallerIdentity&Version=2011-06-15", service: "sts", sendHash: true}.do(t, srv)
	if resp.StatusCode != 200 {
		t.Errorf("STS with x-amz-content-sha256: %d %s", resp.StatusCode, body)
	}
	// The same with a body that does not match the signed hash.
	resp, body = call{body: "Action=GetCallerIdentity&Version=2011-06-15", service: "sts", sendHash: true,
		payloadHash: sha256Hex([]byte("Action=AssumeRole"))}.do(t, srv)
	if e := parseQueryError(t, body); resp.StatusCode != 400 || e.Code != "InvalidRequest" {
		t.Errorf("STS body mismatch: %d %+v", resp.StatusCode, e)
	}
}

func TestS3ContentSHA256Mismatch(t *testing.T) {
	srv, _ := startAt(t, 0)
	ctx := context.Background()
	c := s3Client(srv, "test", "test", "")
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("hash-check")}); err != nil {
		t.Skipf("S3 CreateBucket not served yet: %v", err)
	}
	resp, body := call{method: http.MethodPut, path: "/hash-check/k", body: "the body", service: "s3", sendHash: true,
		payloadHash: sha256Hex([]byte("another body"))}.do(t, srv)
	if e := parseS3Error(t, body); resp.StatusCode != 400 || e.Code != "XAmzContentSHA256Mismatch" {
		t.Errorf("%d %+v", resp.StatusCode, e)
	}
	// Nothing was stored.
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("hash-check"), Key: aws.String("k")}); err == nil {
		t.Error("object stored from a body that failed its hash")
	}
}

func TestMissingAndMalformedAuthorization(t *testing.T) {
	srv, _ := startAt(t, 0)
	tests := []struct {
		name   string
		c      call
		status int
		code   string
		s3     bool
	}{
		{"unsigned STS", call{body: "Action=GetCallerIdentity&Version=2011-06-15"}, 403, "MissingAuthenticationToken", false},
		{"unsigned S3", call{method: http.MethodGet, path: "/some-bucket"}, 403, "AccessDenied", true},
		{"malformed header STS", call{body: "Action=GetCallerIdentity", header: http.Header{"Authorization": {
			"AWS4-HMAC-SHA256 Credential=test/20261123/us-east-1/sts/aws4_request"}}}, 400, "IncompleteSignature", false},
		{"malformed header S3", call{method: http.MethodGet, header: http.Header{"Authorization": {
			"AWS4-HMAC-SHA256 Credential=test/20261123/us-east-1/s3/aws4_request"}}}, 400, "AuthorizationHeaderMalformed", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.c.do(t, srv)
			code := ""
			if tt.s3 {
				code = parseS3Error(t, body).Code
			} else {
				code = parseQueryError(t, body).Code
			}
			if resp.StatusCode != tt.status || code != tt.code {
				t.Errorf("%d %s, want %d %s", resp.StatusCode, code, tt.status, tt.code)
			}
		})
	}
}

func TestAuthOff(t *testing.T) {
	srv, _ := startAt(t, 0, fakeaws.WithAuth(false), otherKeys)
	tests := []struct {
		name, ak, secret, account string
	}{
		{"any secret", "test", "not-the-secret", defaultAccount},
		{"known key selects its account", otherKey, "whatever", otherAccount},
		{"unknown key: default account", "AKIDNOBODYKNOWS00000", "x", defaultAccount},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if account, _, _ := identity(t, stsClient(srv, tt.ak, tt.secret, "")); account != tt.account {
				t.Errorf("account %s, want %s", account, tt.account)
			}
		})
	}
	t.Run("unsigned", func(t *testing.T) {
		resp, body := call{body: "Action=GetCallerIdentity&Version=2011-06-15"}.do(t, srv)
		if resp.StatusCode != 200 || !strings.Contains(string(body), "<Arn>arn:aws:iam::"+defaultAccount+":root</Arn>") {
			t.Errorf("%d %s", resp.StatusCode, body)
		}
	})
	t.Run("skew ignored", func(t *testing.T) {
		resp, body := call{body: "Action=GetCallerIdentity&Version=2011-06-15", service: "sts", at: time.Now().Add(-2 * time.Hour)}.do(t, srv)
		if resp.StatusCode != 200 {
			t.Errorf("%d %s", resp.StatusCode, body)
		}
	})
}

// TestUnhashedBodyIsNotBufferedWhole: a header-signed S3 upload without
// x-amz-content-sha256 has to be hashed in memory to check its signature;
// that is capped at the non-object body limit, not S3's 5 GiB.
func TestUnhashedBodyIsNotBufferedWhole(t *testing.T) {
	srv, _ := startAt(t, 0, fakeaws.WithMaxBodySize(1024))
	c := s3Client(srv, "test", "test", "")
	if _, err := c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String("unhashed")}); err != nil {
		t.Skipf("S3 CreateBucket not served yet: %v", err)
	}
	resp, body := call{method: http.MethodPut, path: "/unhashed/small", body: strings.Repeat("s", 512), service: "s3"}.do(t, srv)
	if resp.StatusCode != 200 {
		t.Errorf("small body: %d %s", resp.StatusCode, body)
	}
	resp, body = call{method: http.MethodPut, path: "/unhashed/big", body: strings.Repeat("b", 4096), service: "s3"}.do(t, srv)
	if e := parseS3Error(t, body); resp.StatusCode != http.StatusRequestEntityTooLarge || e.Code != "RequestEntityTooLarge" {
		t.Errorf("big body: %d %+v", resp.StatusCode, e)
	}
	// With the hash sent, the object limit applies and the body streams.
	resp, body = call{method: http.MethodPut, path: "/unhashed/big", body: strings.Repeat("b", 4096), service: "s3", sendHash: true}.do(t, srv)
	if resp.StatusCode != 200 {
		t.Errorf("big body with x-amz-content-sha256: %d %s", resp.StatusCode, body)
	}
}
