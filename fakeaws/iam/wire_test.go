package iam_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
)

// These tests read the raw answers: what the SDK hides (empty elements,
// the date format, the envelope) is what other clients see.
func TestWireFormat(t *testing.T) {
	h := start(t)
	tests := []struct {
		name   string
		form   string
		status int
		want   []string // substrings of the body, in order
	}{
		{"empty list", "Action=ListRoles&Version=2010-05-08", 200, []string{
			`<ListRolesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListRolesResult><Roles></Roles><IsTruncated>false</IsTruncated></ListRolesResult>`,
			`<ResponseMetadata><RequestId>`,
		}},
		{"create", "Action=CreateRole&Version=2010-05-08&RoleName=wire&AssumeRolePolicyDocument=" + url.QueryEscape(trustPolicy), 200, []string{
			`<Path>/</Path><RoleName>wire</RoleName><RoleId>AROA`,
			`<Arn>arn:aws:iam::123456789012:role/wire</Arn><CreateDate>2026-11-23T10:00:00Z</CreateDate>`,
			`<AssumeRolePolicyDocument>%7B%22Version%22%3A%20%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22`,
		}},
		{"get", "Action=GetRole&Version=2010-05-08&RoleName=wire", 200, []string{
			`<MaxSessionDuration>3600</MaxSessionDuration><RoleLastUsed></RoleLastUsed></Role></GetRoleResult>`,
		}},
		{"profile without roles", "Action=CreateInstanceProfile&Version=2010-05-08&InstanceProfileName=ip", 200, []string{
			`<InstanceProfileName>ip</InstanceProfileName><InstanceProfileId>AIPA`, `<Roles></Roles>`,
		}},
		{"action without output", "Action=DeleteInstanceProfile&Version=2010-05-08&InstanceProfileName=ip", 200, []string{
			`<DeleteInstanceProfileResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata>`,
		}},
		{"update role", "Action=UpdateRole&Version=2010-05-08&RoleName=wire&Description=d", 200, []string{
			`<UpdateRoleResult></UpdateRoleResult>`,
		}},
		{"unknown action", "Action=Frobnicate&Version=2010-05-08", 400, []string{
			`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>The action Frobnicate is not valid for this web service.</Message></Error>`,
		}},
		{"missing parameter", "Action=GetRole&Version=2010-05-08", 400, []string{
			`<Code>ValidationError</Code><Message>1 validation error detected: Value null at &#39;roleName&#39; failed to satisfy constraint: Member must not be null</Message>`,
		}},
		{"two missing parameters", "Action=CreateRole&Version=2010-05-08", 400, []string{
			`<Message>2 validation errors detected: Value null at &#39;roleName&#39; failed to satisfy constraint: Member must not be null; Value null at &#39;assumeRolePolicyDocument&#39;`,
		}},
		{"not a number", "Action=ListRoles&Version=2010-05-08&MaxItems=ten", 400, []string{
			`Value &#39;ten&#39; at &#39;maxItems&#39; failed to satisfy constraint: Member must be a number`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := h.raw(t, tt.form)
			if status != tt.status {
				t.Errorf("status %d, want %d; body %s", status, tt.status, body)
			}
			fakeawstest.CheckXML(t, []byte(body))
			rest := body
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("body lacks %s (in order)\nbody: %s", w, body)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}
