package fakeaws_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/drydock-sandbox/drydock/fakeaws"
)

const (
	gciBody       = "Action=GetCallerIdentity&Version=2011-06-15"
	listRolesBody = "Action=ListRoles&Version=2010-05-08"
)

// TestRouting checks which service answers: the credential scope's service
// first, then Host, then Action.
func TestRouting(t *testing.T) {
	srv, _ := startAt(t, 0)
	open, _ := startAt(t, 0, fakeaws.WithAuth(false))
	tests := []struct {
		name   string
		open   bool // send to the server with auth off
		c      call
		status int
		// root is the response's root element, or the error code.
		root, code string
	}{
		{"scope sts", false, call{body: gciBody, service: "sts"}, 200, "GetCallerIdentityResponse", ""},
		{"scope iam wins over an STS action", false, call{body: gciBody, service: "iam"}, 400, "", "InvalidAction"},
		{"scope iam, IAM action", false, call{body: listRolesBody, service: "iam"}, 200, "ListRolesResponse", ""},
		{"scope sts wins over Host iam", false, call{body: gciBody, service: "sts", host: "iam.amazonaws.com"}, 200, "GetCallerIdentityResponse", ""},
		{"scope of a service not served", false, call{body: gciBody, service: "kinesis"}, 400, "", "InvalidAction"},
		{"unsigned, Action of STS", true, call{body: gciBody}, 200, "GetCallerIdentityResponse", ""},
		{"unsigned, Action of IAM", true, call{body: listRolesBody}, 200, "ListRolesResponse", ""},
		{"unsigned, Action in the query string", true, call{path: "/?Action=GetCallerIdentity&Version=2011-06-15"}, 200, "GetCallerIdentityResponse", ""},
		{"Host iam.amazonaws.com", true, call{body: gciBody, host: "iam.amazonaws.com"}, 400, "", "InvalidAction"},
		{"Host iam.amazonaws.com with port", true, call{body: listRolesBody, host: "iam.amazonaws.com:4566"}, 200, "ListRolesResponse", ""},
		{"Host sts.us-east-1.amazonaws.com", true, call{body: listRolesBody, host: "sts.us-east-1.amazonaws.com"}, 400, "", "InvalidAction"},
		{"unsigned, unknown Action", true, call{body: "Action=Frobnicate&Version=2011-06-15"}, 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := srv
			if tt.open {
				s = open
			}
			resp, body := tt.c.do(t, s)
			if tt.status == 0 {
				// An Action no query service knows goes to S3.
				if resp.Header.Get("X-Amz-Request-Id") == "" {
					t.Errorf("not answered by S3: %d %v %s", resp.StatusCode, resp.Header, body)
				}
				return
			}
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if tt.code != "" {
				if e := parseQueryError(t, body); e.Code != tt.code {
					t.Errorf("code %s, want %s", e.Code, tt.code)
				}
				return
			}
			var root struct{ XMLName xml.Name }
			if err := xml.Unmarshal(body, &root); err != nil || root.XMLName.Local != tt.root {
				t.Errorf("root %q (%v), want %s: %s", root.XMLName.Local, err, tt.root, body)
			}
		})
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestQueryErrorEnvelope(t *testing.T) {
	srv, _ := startAt(t, 0)
	tests := []struct {
		name, body, code, message string
	}{
		{"unknown action", "Action=Frobnicate&Version=2011-06-15", "InvalidAction", "The action Frobnicate is not valid for this web service."},
		{"missing action", "Version=2011-06-15", "MissingAction", "Missing Action"},
		{"malformed form", "Action=GetCallerIdentity&%zz", "MalformedQueryString", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := call{body: tt.body, service: "sts"}.do(t, srv)
			if resp.StatusCode != 400 || resp.Header.Get("Content-Type") != "text/xml" {
				t.Errorf("status %d, content type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			if !strings.Contains(string(body), "<ErrorResponse><Error><Type>Sender</Type><Code>"+tt.code+"</Code>") {
				t.Errorf("envelope:\n%s", body)
			}
			e := parseQueryError(t, body)
			if tt.message != "" && e.Message != tt.message {
				t.Errorf("message %q, want %q", e.Message, tt.message)
			}
			if id := resp.Header.Get("X-Amzn-Requestid"); id == "" || id != e.RequestID || !uuidRE.MatchString(id) {
				t.Errorf("x-amzn-RequestId %q, body RequestId %q", id, e.RequestID)
			}
		})
	}
}

func TestRequestIDs(t *testing.T) {
	srv, _ := startAt(t, 0)
	seen := map[string]bool{}
	for range 3 {
		resp, body := call{body: gciBody, service: "sts"}.do(t, srv)
		var doc struct {
			RequestID string `xml:"ResponseMetadata>RequestId"`
		}
		if err := xml.Unmarshal(body, &doc); err != nil {
			t.Fatal(err)
		}
		id := resp.Header.Get("X-Amzn-Requestid")
		if id != doc.RequestID || !uuidRE.MatchString(id) || seen[id] {
			t.Errorf("header %q body %q (seen before: %v)", id, doc.RequestID, seen[id])
		}
		seen[id] = true
	}
	// The SDK reads the same ID.
	out, err := stsClient(srv, "test", "test", "").GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if id, ok := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata); !ok || !uuidRE.MatchString(id) {
		t.Errorf("SDK request ID %q", id)
	}
}

func TestBodyLimit(t *testing.T) {
	big := gciBody + "&Padding=" + strings.Repeat("x", 2048)
	for _, auth := range []bool{true, false} {
		t.Run(map[bool]string{true: "auth on", false: "auth off"}[auth], func(t *testing.T) {
			srv, _ := startAt(t, 0, fakeaws.WithMaxBodySize(1024), fakeaws.WithAuth(auth))
			resp, body := call{body: big, service: "sts"}.do(t, srv)
			e := parseQueryError(t, body)
			if resp.StatusCode != http.StatusRequestEntityTooLarge || e.Code != "RequestEntityTooLarge" {
				t.Errorf("%d %+v", resp.StatusCode, e)
			}
			// Just under the limit is fine.
			resp, body = call{body: gciBody + "&Padding=" + strings.Repeat("x", 1024-len(gciBody)-9), service: "sts"}.do(t, srv)
			if resp.StatusCode != 200 {
				t.Errorf("body of exactly the limit: %d %s", resp.StatusCode, body)
			}
		})
	}
}

func TestHealth(t *testing.T) {
	srv, _ := startAt(t, 0, fakeaws.WithAuth(false))
	resp, body := call{method: http.MethodGet, path: "/_drydock/health"}.do(t, srv)
	var h struct {
		Status   string   `json:"status"`
		Services []string `json:"services"`
		Auth     *bool    `json:"auth"`
	}
	if err := json.Unmarshal(body, &h); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" || h.Status != "running" || h.Auth == nil || *h.Auth {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
	for _, want := range []string{"iam", "s3", "sts"} {
		if !strings.Contains(strings.Join(h.Services, ","), want) {
			t.Errorf("services %v lack %s", h.Services, want)
		}
	}
	if resp, _ := (call{method: http.MethodPost, path: "/_drydock/health"}).do(t, srv); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST health: %d", resp.StatusCode)
	}
}

func TestReset(t *testing.T) {
	srv, _ := startAt(t, 0)
	arn := createRole(t, srv, "test", "test", "ephemeral")
	cred := assumeRole(t, stsClient(srv, "test", "test", ""), arn, "s1", 3600)
	temp := stsClient(srv, aws.ToString(cred.AccessKeyId), aws.ToString(cred.SecretAccessKey), aws.ToString(cred.SessionToken))
	identity(t, temp)

	if resp, _ := (call{method: http.MethodGet, path: "/moto-api/reset"}).do(t, srv); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET reset: %d", resp.StatusCode)
	}
	resp, body := call{method: http.MethodPost, path: "/moto-api/reset"}.do(t, srv)
	if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"status":"ok"}` {
		t.Fatalf("reset: %d %s", resp.StatusCode, body)
	}
	// The role and the temporary credentials are gone; long-term keys stay.
	_, err := temp.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if code, _, _ := apiError(t, err); code != "InvalidClientTokenId" {
		t.Errorf("temporary key after reset: %s", code)
	}
	_, err = iamClient(srv, "test", "test", "").GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String("ephemeral")})
	if code, _, _ := apiError(t, err); code != "NoSuchEntity" {
		t.Errorf("role after reset: %s", code)
	}
	identity(t, stsClient(srv, "test", "test", ""))
	// /_drydock/reset is the same.
	if resp, _ := (call{method: http.MethodPost, path: "/_drydock/reset"}).do(t, srv); resp.StatusCode != 200 {
		t.Errorf("/_drydock/reset: %d", resp.StatusCode)
	}
}

func TestAccountIsolation(t *testing.T) {
	srv, _ := startAt(t, 0, otherKeys)
	createRole(t, srv, "test", "test", "mine")
	ctx := context.Background()
	list := func(ak, secret string) []string {
		out, err := iamClient(srv, ak, secret, "").ListRoles(ctx, &iam.ListRolesInput{})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range out.Roles {
			names = append(names, aws.ToString(r.RoleName)+"@"+aws.ToString(r.Arn))
		}
		return names
	}
	if got := list("test", "test"); len(got) != 1 || got[0] != "mine@arn:aws:iam::"+defaultAccount+":role/mine" {
		t.Errorf("default account roles %v", got)
	}
	if got := list(otherKey, otherSecret); len(got) != 0 {
		t.Errorf("other account sees %v", got)
	}
	// The same name is free in the other account.
	if arn := createRole(t, srv, otherKey, otherSecret, "mine"); arn != "arn:aws:iam::"+otherAccount+":role/mine" {
		t.Errorf("other account's role ARN %s", arn)
	}
	_, err := iamClient(srv, otherKey, otherSecret, "").GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("mine")})
	if err != nil {
		t.Errorf("GetRole in the other account: %v", err)
	}
}
