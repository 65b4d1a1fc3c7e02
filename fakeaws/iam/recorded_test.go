package iam_test

import (
	"encoding/xml"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
)

func TestRecordedErrors(t *testing.T) {
	rec := fakeawstest.Recorded(t, "test_iam.snapshot.json")
	h := start(t)
	ctx := t.Context()
	h.createRole(t, "r", "")
	arn := "arn:aws:iam::" + account + ":policy/mine123"
	_, errName := h.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("r"), PolicyArn: aws.String("mine")})
	_, errMissing := h.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("r"), PolicyArn: aws.String(arn)})
	_, errJSON := h.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("bad"), AssumeRolePolicyDocument: aws.String("{invalid")})
	tests := []struct {
		name     string
		err      error
		recorded any
		subst    *strings.Replacer
	}{
		{"policy name instead of ARN", errName, fakeawstest.Dig(t, rec["test_role_attach_policy"], "existing_policy_name_provided"), nil},
		{"customer policy that does not exist", errMissing, fakeawstest.Dig(t, rec["test_role_attach_policy"], "valid_arn_not_existent"),
			strings.NewReplacer("<partition>", "aws", "111111111111", account, "<policy-name:1>", "mine")},
		{"malformed trust policy", errJSON, fakeawstest.Dig(t, rec["test_create_role_with_malformed_assume_role_policy_document"], "invalid-json"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := fakeawstest.Dig(t, tt.recorded, "Error", "Message").(string)
			if tt.subst != nil {
				msg = tt.subst.Replace(msg)
			}
			status := int(fakeawstest.Dig(t, tt.recorded, "ResponseMetadata", "HTTPStatusCode").(float64))
			wantErr(t, tt.err, fakeawstest.Dig(t, tt.recorded, "Error", "Code").(string), status, msg)
		})
	}
}

// xmlNode is any XML element with its child elements.
type xmlNode struct {
	XMLName  xml.Name
	Children []xmlNode `xml:",any"`
}

// find returns the first element named name, depth first.
func (n xmlNode) find(name string) (xmlNode, bool) {
	if n.XMLName.Local == name {
		return n, true
	}
	for _, c := range n.Children {
		if f, ok := c.find(name); ok {
			return f, true
		}
	}
	return xmlNode{}, false
}

func (n xmlNode) childNames() []string {
	var out []string
	for _, c := range n.Children {
		out = append(out, c.XMLName.Local)
	}
	sort.Strings(out)
	return out
}

func recordedMembers(t *testing.T, v any) []string {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("recorded value %v is not an object", v)
	}
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The members of a role that each action answers with are the ones AWS
// answered with.
func TestRecordedRoleMembers(t *testing.T) {
	rec := fakeawstest.Recorded(t, "test_iam.snapshot.json")
	h := start(t)
	create := "Action=CreateRole&Version=2010-05-08&AssumeRolePolicyDocument=" + url.QueryEscape(trustPolicy)
	tests := []struct {
		name, form, element string
		recorded            any
	}{
		{"CreateRole", create + "&RoleName=plain&Path=/p/", "Role", fakeawstest.Dig(t, rec["test_create_describe_role"], "create_role_result", "Role")},
		{"GetRole", "Action=GetRole&Version=2010-05-08&RoleName=plain", "Role", fakeawstest.Dig(t, rec["test_create_describe_role"], "get_role_result", "Role")},
		{"ListRoles", "Action=ListRoles&Version=2010-05-08&PathPrefix=/p/", "member", fakeawstest.Dig(t, rec["test_create_describe_role"], "list_roles_result", "Roles", "0")},
		{"CreateRole with tags", create + "&RoleName=tagged&Path=/t/&Tags.member.1.Key=test&Tags.member.1.Value=value", "Role", fakeawstest.Dig(t, rec["test_role_with_tags"], "create-role-response", "Role")},
		{"GetRole with tags", "Action=GetRole&Version=2010-05-08&RoleName=tagged", "Role", fakeawstest.Dig(t, rec["test_role_with_tags"], "get-role-response", "Role")},
		{"ListRoles with tags", "Action=ListRoles&Version=2010-05-08&PathPrefix=/t/", "member", fakeawstest.Dig(t, rec["test_role_with_tags"], "list-role-response", "Roles", "0")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := h.raw(t, tt.form)
			if status != 200 {
				t.Fatalf("status %d: %s", status, body)
			}
			var doc xmlNode
			if err := xml.Unmarshal([]byte(body), &doc); err != nil {
				t.Fatal(err)
			}
			el, ok := doc.find(tt.element)
			if !ok {
				t.Fatalf("no <%s> in %s", tt.element, body)
			}
			got, want := strings.Join(el.childNames(), ","), strings.Join(recordedMembers(t, tt.recorded), ",")
			if got != want {
				t.Errorf("members\n got %s\nwant %s (recorded from AWS)", got, want)
			}
		})
	}
}
