package iam_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	clocktesting "k8s.io/utils/clock/testing"
)

// fuzzActions are the actions the fuzzer puts in front of its parameters,
// so that most inputs reach a handler instead of InvalidAction.
var fuzzActions = []string{
	"CreateRole", "GetRole", "DeleteRole", "ListRoles", "UpdateRole", "UpdateRoleDescription",
	"UpdateAssumeRolePolicy", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
	"TagRole", "UntagRole", "ListRoleTags", "PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy",
	"ListRolePolicies", "AttachRolePolicy", "DetachRolePolicy", "ListAttachedRolePolicies",
	"CreateInstanceProfile", "GetInstanceProfile", "DeleteInstanceProfile", "ListInstanceProfiles",
	"ListInstanceProfilesForRole", "AddRoleToInstanceProfile", "RemoveRoleFromInstanceProfile",
	"TagInstanceProfile", "UntagInstanceProfile", "ListInstanceProfileTags",
}

// FuzzIAMQuery sends arbitrary form parameters to the IAM actions (action
// index past the table: the raw body alone) and checks that every answer
// is one well-formed XML document with the status its envelope implies:
// 200 with <ActionResponse>, or a client error with an <ErrorResponse>
// naming a code. A panic or an internal error fails.
func FuzzIAMQuery(f *testing.F) {
	trust := "AssumeRolePolicyDocument=%7B%22Statement%22%3A%7B%7D%7D"
	seeds := []struct {
		action uint8
		params string
	}{
		{0, "RoleName=r&" + trust},
		{0, "RoleName=r&Path=/a/&MaxSessionDuration=7200&Tags.member.1.Key=k&Tags.member.1.Value=v&" + trust},
		{0, "RoleName=r&Tags.member.1.Key=k&Tags.member.2.Key=K&" + trust},
		{0, "RoleName=bad%20name&Path=x&AssumeRolePolicyDocument=%5B"},
		{1, "RoleName=R"},
		{2, "RoleName=r"},
		{3, "MaxItems=1&Marker=r&PathPrefix=/"},
		{3, "MaxItems=-1&Marker=%FF"},
		{9, "RoleName=r&Tags.member.1.Key=a&Tags.member.1.Value=%00"},
		{10, "RoleName=r&TagKeys.member.1=a&TagKeys.member.99999999999999999999=b"},
		{12, "RoleName=r&PolicyName=p&PolicyDocument=%7B%22Statement%22%3A%5B1%5D%7D"},
		{16, "RoleName=r&PolicyArn=arn:aws:iam::aws:policy/a/b/C"},
		{16, "RoleName=r&PolicyArn=arn:aws:iam::123456789012:policy//"},
		{18, "RoleName=r&PathPrefix=/a/&MaxItems=1000"},
		{19, "InstanceProfileName=p&Path=/%7F/"},
		{24, "InstanceProfileName=p&RoleName=r"},
		{25, "InstanceProfileName=p&RoleName=r"},
		{255, "Action=GetRole&RoleName=r&RoleName=s"},
		{255, "Action=Frobnicate"},
		{255, "%zz=&&&="},
		{255, ""},
	}
	for _, s := range seeds {
		f.Add(s.action, s.params)
	}
	clk := clocktesting.NewFakeClock(epoch)
	srv := fakeawstest.Start(f, fakeaws.WithSeed(1), fakeaws.WithClock(clk), fakeaws.WithAuth(false))
	client := srv.HTTP.Client()
	f.Fuzz(func(t *testing.T, action uint8, params string) {
		body := params
		if int(action) < len(fuzzActions) {
			body = "Action=" + fuzzActions[action] + "&Version=2010-05-08&" + params
		}
		req, err := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Host = "iam.amazonaws.com" // unsigned: route by host
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		checkAnswer(t, resp.StatusCode, raw)
	})
}

func checkAnswer(t *testing.T, status int, raw []byte) {
	t.Helper()
	var doc struct {
		XMLName xml.Name
		Error   struct {
			Code    string `xml:"Code"`
			Message string `xml:"Message"`
		} `xml:"Error"`
	}
	fakeawstest.CheckXML(t, raw)
	if err := xml.NewDecoder(bytes.NewReader(raw)).Decode(&doc); err != nil {
		t.Fatalf("status %d, undecodable body (%v): %s", status, err, raw)
	}
	root := doc.XMLName.Local
	switch {
	case status == http.StatusOK:
		if !strings.HasSuffix(root, "Response") || root == "ErrorResponse" {
			t.Fatalf("200 with root <%s>: %s", root, raw)
		}
	case status >= 400 && status < 500:
		if root != "ErrorResponse" || doc.Error.Code == "" || doc.Error.Message == "" {
			t.Fatalf("status %d without an error code and message: %s", status, raw)
		}
	default:
		t.Fatalf("status %d: %s", status, raw)
	}
}
