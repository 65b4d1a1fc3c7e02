package ec2_test

import (
	"bytes"
	"encoding/xml"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/ids"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
	clocktesting "k8s.io/utils/clock/testing"
)

// apiHarness drives the service directly: actions set the scene, the Go
// API is under test.
type apiHarness struct {
	svc *fakeec2.Service
	clk *clocktesting.FakeClock
}

func newAPIHarness(t *testing.T) *apiHarness {
	db, err := store.Open(store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	clk := clocktesting.NewFakeClock(epoch)
	svc := fakeec2.New(backend.Env{DB: db, Clock: clk, IDs: ids.New(1), Partition: "aws"}, computeCfg)
	return &apiHarness{svc, clk}
}

// call runs an action and decodes the field named field of its result.
func (a *apiHarness) call(t *testing.T, action string, kv ...string) map[string]string {
	t.Helper()
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	r := &awsapi.Request{HTTP: httptest.NewRequest("POST", "/", nil), Region: "us-east-1",
		Caller: awsapi.Caller{Account: account}, Now: a.clk.Now()}
	out, err := a.svc.Actions[action](r, awsapi.NewParams(v))
	if err != nil {
		t.Fatalf("%s: %v", action, err)
	}
	raw, err := xml.Marshal(struct {
		XMLName xml.Name `xml:"x"`
		V       any
	}{V: out})
	if err != nil {
		t.Fatal(err)
	}
	return leaves(raw)
}

// leaves maps each element name of a document to its first text.
func leaves(raw []byte) map[string]string {
	out := map[string]string{}
	d := xml.NewDecoder(bytesReader(raw))
	var name string
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			name = tk.Name.Local
		case xml.CharData:
			if _, seen := out[name]; !seen && len(tk) > 0 {
				out[name] = string(tk)
			}
		}
	}
}

func TestGoAPI(t *testing.T) {
	a := newAPIHarness(t)
	vpc := a.call(t, "CreateVpc", "CidrBlock", "10.0.0.0/16")["vpcId"]
	sub := a.call(t, "CreateSubnet", "VpcId", vpc, "CidrBlock", "10.0.1.0/24", "AvailabilityZone", "us-east-1b")["subnetId"]
	sg := a.call(t, "CreateSecurityGroup", "VpcId", vpc, "GroupName", "g", "GroupDescription", "g")["groupId"]
	lt := a.call(t, "CreateLaunchTemplate", "LaunchTemplateName", "nodes",
		"LaunchTemplateData.ImageId", amiForTests(t, a), "LaunchTemplateData.InstanceType", "t3.micro")["launchTemplateId"]
	ctx := t.Context()

	id, name, num, ok, err := a.svc.ResolveLaunchTemplate(ctx, account, "us-east-1", "nodes", "$Latest")
	if err != nil || !ok || id != lt || name != "nodes" || num != 1 {
		t.Fatalf("ResolveLaunchTemplate = %s %s %d %v %v", id, name, num, ok, err)
	}
	if _, _, _, ok, _ := a.svc.ResolveLaunchTemplate(ctx, account, "us-east-1", lt, "7"); ok {
		t.Fatal("version 7 resolved")
	}
	req := fakeec2.LaunchRequest{LaunchTemplateID: lt, SubnetID: sub, ClientToken: "asg-1",
		Tags: []fakeec2.Tag{{Key: "aws:autoscaling:groupName", Value: "nodes"}}}
	info, err := a.svc.LaunchFromTemplate(ctx, account, "us-east-1", req)
	if err != nil {
		t.Fatal(err)
	}
	if info.State != "pending" || info.SubnetID != sub || info.VpcID != vpc || info.AvailabilityZone != "us-east-1b" ||
		info.PrivateIP.String() != "10.0.1.4" || info.LaunchTemplateID != lt || info.LaunchTemplateVersion != 1 || !info.Healthy {
		t.Fatalf("launched %+v", info)
	}
	again, err := a.svc.LaunchFromTemplate(ctx, account, "us-east-1", req)
	if err != nil || again.ID != info.ID {
		t.Fatalf("client token: %v %s", err, again.ID)
	}
	if _, err := a.svc.LaunchFromTemplate(ctx, account, "us-east-1", fakeec2.LaunchRequest{LaunchTemplateName: "missing", SubnetID: sub}); err == nil {
		t.Fatal("launched from a missing template")
	}
	a.clk.Step(time.Minute)
	infos, err := a.svc.InstanceInfos(ctx, account, "us-east-1", []string{info.ID, "i-0123456789abcdef0"})
	if err != nil || len(infos) != 1 || infos[0].State != "running" {
		t.Fatalf("InstanceInfos = %+v, %v", infos, err)
	}
	if other, _ := a.svc.InstanceInfos(ctx, otherAccount, "us-east-1", []string{info.ID}); len(other) != 0 {
		t.Fatal("instance visible from another account")
	}
	subs, err := a.svc.SubnetInfos(ctx, account, "us-east-1", []string{sub, "subnet-0123456789abcdef0"})
	if err != nil || len(subs) != 1 || subs[0].VpcID != vpc || subs[0].AvailabilityZone != "us-east-1b" {
		t.Fatalf("SubnetInfos = %+v, %v", subs, err)
	}
	vpcs, err := a.svc.SecurityGroupVPCs(ctx, account, "us-east-1", []string{sg, "sg-0123456789abcdef0"})
	if err != nil || len(vpcs) != 1 || vpcs[sg] != vpc {
		t.Fatalf("SecurityGroupVPCs = %v, %v", vpcs, err)
	}
	if err := a.svc.TerminateInstances(ctx, account, "us-east-1", []string{info.ID, "i-0123456789abcdef0"}); err != nil {
		t.Fatal(err)
	}
	infos, _ = a.svc.InstanceInfos(ctx, account, "us-east-1", []string{info.ID})
	if infos[0].State != "shutting-down" {
		t.Fatalf("after TerminateInstances: %s", infos[0].State)
	}
}

func amiForTests(t *testing.T, a *apiHarness) string {
	return a.call(t, "DescribeImages", "Owner.1", "amazon", "Filter.1.Name", "architecture", "Filter.1.Value.1", "x86_64")["imageId"]
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
