package fakeaws

import (
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/sigv4"
)

// TestAuthErrorCodes is the table of what each verification failure is
// called in S3's vocabulary and in the query services'.
func TestAuthErrorCodes(t *testing.T) {
	tests := []struct {
		kind              sigv4.Kind
		s3Code            string
		s3Status          int
		queryCode         string
		queryStatus       int
		queryMsgSubstring string
	}{
		{sigv4.Missing, "AccessDenied", 403, "MissingAuthenticationToken", 403, "Request is missing Authentication Token"},
		{sigv4.Malformed, "AuthorizationHeaderMalformed", 400, "IncompleteSignature", 400, "the failure"},
		{sigv4.UnknownKey, "InvalidAccessKeyId", 403, "InvalidClientTokenId", 403, "The security token included in the request is invalid."},
		{sigv4.BadSignature, "SignatureDoesNotMatch", 403, "SignatureDoesNotMatch", 403, "Check your AWS Secret Access Key and signing method."},
		{sigv4.Skewed, "RequestTimeTooSkewed", 403, "SignatureDoesNotMatch", 403, "the failure"},
		{sigv4.Expired, "AccessDenied", 403, "AccessDenied", 403, "Request has expired"},
		{sigv4.BadToken, "InvalidToken", 400, "InvalidClientTokenId", 403, "The security token included in the request is invalid."},
		{sigv4.TokenExpired, "ExpiredToken", 400, "ExpiredToken", 403, "The security token included in the request is expired"},
		{sigv4.PayloadMismatch, "XAmzContentSHA256Mismatch", 400, "InvalidRequest", 400, "the failure"},
	}
	reqTime := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.s3Code+"/"+tt.queryCode, func(t *testing.T) {
			e := &sigv4.Error{Kind: tt.kind, Msg: "the failure", RequestTime: reqTime, ServerTime: reqTime.Add(20 * time.Minute), ExpiresIn: time.Hour}
			s3 := authError(e, awsapi.ProtocolS3)
			if s3.Code != tt.s3Code || s3.Status != tt.s3Status {
				t.Errorf("S3: %s %d, want %s %d", s3.Code, s3.Status, tt.s3Code, tt.s3Status)
			}
			for _, p := range []awsapi.Protocol{awsapi.ProtocolQuery, awsapi.ProtocolEC2, awsapi.ProtocolRESTXML} {
				q := authError(e, p)
				if q.Code != tt.queryCode || q.Status != tt.queryStatus || !strings.Contains(q.Message, tt.queryMsgSubstring) {
					t.Errorf("protocol %d: %s %d %q, want %s %d containing %q", p, q.Code, q.Status, q.Message, tt.queryCode, tt.queryStatus, tt.queryMsgSubstring)
				}
			}
		})
	}

	fields := func(e *awsapi.Error) map[string]string {
		m := map[string]string{}
		for _, f := range e.Fields {
			m[f.Name] = f.Value
		}
		return m
	}
	skew := fields(authError(&sigv4.Error{Kind: sigv4.Skewed, RequestTime: reqTime, ServerTime: reqTime.Add(20 * time.Minute)}, awsapi.ProtocolS3))
	if skew["RequestTime"] != "Mon, 23 Nov 2026 12:00:00 GMT" || skew["ServerTime"] != "2026-11-23T12:20:00Z" || skew["MaxAllowedSkewMilliseconds"] != "900000" {
		t.Errorf("RequestTimeTooSkewed fields %v", skew)
	}
	exp := fields(authError(&sigv4.Error{Kind: sigv4.Expired, RequestTime: reqTime, ServerTime: reqTime.Add(time.Minute), ExpiresIn: 900 * time.Second}, awsapi.ProtocolS3))
	if exp["X-Amz-Expires"] != "900" || exp["Expires"] != "2026-11-23T12:00:00Z" || exp["ServerTime"] != "2026-11-23T12:01:00Z" {
		t.Errorf("expired presigned URL fields %v", exp)
	}
}

type panicking struct{}

func (panicking) Name() string                               { return "sts" }
func (panicking) Protocol() awsapi.Protocol                  { return awsapi.ProtocolQuery }
func (panicking) Serve(http.ResponseWriter, *awsapi.Request) { panic("handler bug") }

func TestPanicBecomesInternalError(t *testing.T) {
	s, err := New(WithAuth(false), WithSeed(3))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.services["sts"] = panicking{}
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("Action=GetCallerIdentity"))
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261123/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	var doc struct {
		Type      string `xml:"Error>Type"`
		Code      string `xml:"Error>Code"`
		Message   string `xml:"Error>Message"`
		RequestID string `xml:"RequestId"`
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatalf("%v: %s", err, w.Body.String())
	}
	if w.Code != 500 || doc.Code != "InternalError" || doc.Type != "Receiver" || !strings.Contains(doc.Message, "handler bug") {
		t.Errorf("%d %+v", w.Code, doc)
	}
	if doc.RequestID == "" || w.Header().Get("X-Amzn-Requestid") != doc.RequestID {
		t.Errorf("request ID %q, header %q", doc.RequestID, w.Header().Get("X-Amzn-Requestid"))
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  Option
		want string
	}{
		{"key without secret", WithAccessKeys(AccessKey{ID: "AK"}), "needs both an ID and a secret"},
		{"key of a bad account", WithAccessKeys(AccessKey{ID: "AK", Secret: "s", Account: "12345"}), "12 digits"},
		{"bad default account", WithDefaultAccount("abcdefghijkl"), "12 digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(tt.opt)
			if err == nil {
				s.Close()
				t.Fatal("New succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v, want %q", err, tt.want)
			}
		})
	}
}
