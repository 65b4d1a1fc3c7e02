package ec2_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/fakeaws"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
)

// actionNames are the actions EC2 serves, sorted.
func actionNames() []string {
	var names []string
	for name := range fakeec2.New(backend.Env{}, fakeec2.Config{}).Actions {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// post sends an unsigned form body to the server as EC2's host.
func post(t testing.TB, srv *fakeawstest.Server, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "ec2.us-east-1.amazonaws.com" // unsigned: route by host
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := srv.HTTP.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, raw
}

type ec2Answer struct {
	XMLName   xml.Name
	RequestID string `xml:"requestId"`
	Errors    []struct {
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	} `xml:"Errors>Error"`
	ErrRequestID string `xml:"RequestID"`
}

// checkAnswer asserts that a response is one well-formed XML document in
// EC2's shape: 200 with <ActionResponse> and a requestId, or a client
// error with <Response><Errors><Error> naming a code and a message.
func checkAnswer(t testing.TB, status int, raw []byte) ec2Answer {
	t.Helper()
	fakeawstest.CheckXML(t, raw)
	var doc ec2Answer
	if err := xml.NewDecoder(bytes.NewReader(raw)).Decode(&doc); err != nil {
		t.Fatalf("status %d, undecodable body (%v): %s", status, err, raw)
	}
	switch root := doc.XMLName.Local; {
	case status == http.StatusOK:
		if !strings.HasSuffix(root, "Response") || root == "Response" || doc.RequestID == "" || doc.XMLName.Space != fakeec2.Namespace {
			t.Fatalf("200 with root <%s> (%s): %s", root, doc.XMLName.Space, raw)
		}
	case status >= 400 && status < 500:
		if root != "Response" || len(doc.Errors) != 1 || doc.Errors[0].Code == "" || doc.Errors[0].Message == "" || doc.ErrRequestID == "" {
			t.Fatalf("status %d without an EC2 error: %s", status, raw)
		}
	default:
		t.Fatalf("status %d: %s", status, raw)
	}
	return doc
}

func TestWire(t *testing.T) {
	h := start(t, fakeec2.Config{}, fakeaws.WithAuth(false))
	for _, tc := range []struct {
		name, body, code, msg string
	}{
		{"missing parameter", "Action=DeleteVpc&Version=2016-11-15", "MissingParameter", "The request must contain the parameter vpcId"},
		{"unknown action", "Action=Frobnicate&Version=2016-11-15", "InvalidAction", ""},
		{"no action", "Version=2016-11-15", "MissingAction", ""},
		{"filter without name", "Action=DescribeVpcs&Filter.1.Value.1=x", "InvalidParameterValue", "The filter 'null' is invalid"},
		{"filter without value", "Action=DescribeVpcs&Filter.1.Name=vpc-id", "InvalidParameterValue", ""},
		{"bad boolean", "Action=DescribeRegions&AllRegions=yes", "InvalidParameterValue", ""},
		{"dry run", "Action=DescribeVpcs&DryRun=true", "DryRunOperation", "Request would have succeeded, but DryRun flag is set."},
		{"no tag spec type", "Action=CreateVpc&CidrBlock=10.0.0.0/16&TagSpecification.1.Tag.1.Key=a", "InvalidParameterValue", "resource type"},
		{"create tags without tags", "Action=CreateTags&ResourceId.1=vpc-0123456789abcdef0", "MissingParameter", ""},
		{"revoke nothing", "Action=RevokeSecurityGroupIngress&GroupId=sg-0123456789abcdef0", "MissingParameter", ""},
		{"modify vpc nothing", "Action=ModifyVpcAttribute&VpcId=vpc-0123456789abcdef0", "InvalidParameterCombination", ""},
		{"delete key pair nothing", "Action=DeleteKeyPair", "MissingParameter", ""},
		{"release nothing", "Action=ReleaseAddress", "MissingParameter", ""},
		{"old-style permission", "Action=AuthorizeSecurityGroupIngress&GroupId=sg-0123456789abcdef0&IpProtocol=tcp&FromPort=22&ToPort=22&CidrIp=0.0.0.0/0", "InvalidGroup.NotFound", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, raw := post(t, h.srv, tc.body)
			doc := checkAnswer(t, status, raw)
			if status == 200 || doc.Errors[0].Code != tc.code || !strings.Contains(doc.Errors[0].Message, tc.msg) {
				t.Fatalf("got %d %+v, want %s %q", status, doc.Errors, tc.code, tc.msg)
			}
		})
	}
	// A success answers in EC2's namespace with lists as <item>s.
	status, raw := post(t, h.srv, "Action=DescribeAvailabilityZones&Version=2016-11-15&ZoneName.1=us-east-1a")
	checkAnswer(t, status, raw)
	for _, want := range []string{"<availabilityZoneInfo><item><zoneName>us-east-1a</zoneName>", "<zoneId>use1-az6</zoneId>", "<messageSet></messageSet>"} {
		if !strings.Contains(string(raw), want) {
			t.Fatalf("answer lacks %s: %s", want, raw)
		}
	}
}
