package aws

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/drydock-sandbox/drydock/providers"
)

const testZone = "example.com"

// createZone makes a hosted zone with the SDK, private when vpcID is set,
// and returns its ID without "/hostedzone/".
func createZone(t *testing.T, c *Clients, name, vpcID string) string {
	t.Helper()
	in := &route53.CreateHostedZoneInput{Name: aws.String(name), CallerReference: aws.String(t.Name() + "-" + name + "-" + vpcID)}
	if vpcID != "" {
		in.HostedZoneConfig = &r53types.HostedZoneConfig{PrivateZone: true}
		in.VPC = &r53types.VPC{VPCId: aws.String(vpcID), VPCRegion: r53types.VPCRegion(c.Region)}
	}
	out, err := c.Route53.CreateHostedZone(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(aws.ToString(out.HostedZone.Id), "/hostedzone/")
}

func zoneTags(t *testing.T, c *Clients, id string) map[string]string {
	t.Helper()
	out, err := c.Route53.ListTagsForResource(context.Background(), &route53.ListTagsForResourceInput{
		ResourceType: r53types.TagResourceTypeHostedzone, ResourceId: aws.String(id),
	})
	if err != nil {
		t.Fatal(err)
	}
	tags := map[string]string{}
	for _, tg := range out.ResourceTagSet.Tags {
		tags[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	return tags
}

func zoneVPCs(t *testing.T, c *Clients, id string) []string {
	t.Helper()
	out, err := c.Route53.GetHostedZone(context.Background(), &route53.GetHostedZoneInput{Id: aws.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	var vpcs []string
	for _, v := range out.VPCs {
		vpcs = append(vpcs, aws.ToString(v.VPCId))
	}
	return vpcs
}

// The zone and record tasks as the model makes them.
func zoneTask(private bool, vpc *vpcTask) *dnsZoneTask {
	return &dnsZoneTask{Name: testZone, Cluster: testCluster, Private: private, VPC: vpc, Tags: OwnershipTags(testCluster)}
}

func apiRecord(zone *dnsZoneTask, lb *nlbTask) *dnsNameTask {
	return &dnsNameTask{Name: "api." + testCluster, Zone: zone, Type: "A", Target: lb}
}

func TestDNSZonePublicIsFoundNeverChanged(t *testing.T) {
	_, c := startFake(t)
	n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
	createZone(t, c, "other.com", "")
	createZone(t, c, testZone, n.vpc.id) // private: not the one
	id := createZone(t, c, testZone, "")
	createZone(t, c, "a."+testZone, "")

	z := zoneTask(false, n.vpc)
	wantEmpty(t, mustStep(t, c, true, z))
	if z.id != id {
		t.Errorf("found zone %q, want %q", z.id, id)
	}
	if tags := zoneTags(t, c, id); len(tags) > 0 {
		t.Errorf("the public zone was tagged %v", tags)
	}
}

func TestDNSZonePublicMissing(t *testing.T) {
	_, c := startFake(t)
	n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
	createZone(t, c, testZone, n.vpc.id) // a private zone does not do
	for _, apply := range []bool{false, true} {
		_, err := stepTasks(c, apply, zoneTask(false, n.vpc))
		if want := "hosted zone example.com not found: create it (aws route53 create-hosted-zone --name example.com --caller-reference $(date +%s)) or use --dns none"; err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Fatalf("apply=%v: error %v, want one ending %q", apply, err, want)
		}
	}
}

func TestDNSZonePrivateApply(t *testing.T) {
	_, c := startFake(t)
	n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
	createZone(t, c, testZone, "") // a public zone does not do
	z := zoneTask(true, n.vpc)
	changes := mustStep(t, c, true, z)
	wantCreates(t, changes, "DNSZone/example.com")
	want := []providers.Field{
		{Name: "Private", New: "true"},
		{Name: "Tags", New: "{KubernetesCluster: k8s.example.com, kubernetes.io/cluster/k8s.example.com: owned}"},
		{Name: "VPC", New: "name:k8s.example.com"},
	}
	if got := changes[0].Fields; !equalFields(got, want) {
		t.Errorf("create fields %v, want %v", got, want)
	}

	if z.id == "" || strings.Contains(z.id, "/") {
		t.Fatalf("recorded zone ID %q", z.id)
	}
	out, err := c.Route53.GetHostedZone(context.Background(), &route53.GetHostedZoneInput{Id: aws.String(z.id)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.HostedZone.Name) != "example.com." || !out.HostedZone.Config.PrivateZone {
		t.Errorf("zone %s private=%v, want example.com. private", aws.ToString(out.HostedZone.Name), out.HostedZone.Config.PrivateZone)
	}
	if vpcs := zoneVPCs(t, c, z.id); len(vpcs) != 1 || vpcs[0] != n.vpc.id {
		t.Errorf("zone VPCs %v, want [%s]", vpcs, n.vpc.id)
	}
	if tags := zoneTags(t, c, z.id); !maps.Equal(tags, z.Tags) {
		t.Errorf("zone tags %v, want %v", tags, z.Tags)
	}

	again := zoneTask(true, n.vpc)
	wantEmpty(t, mustStep(t, c, false, again))
	if again.id != z.id {
		t.Errorf("found zone %q, want %q", again.id, z.id)
	}
}

func equalFields(a, b []providers.Field) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestDNSZonePrivateChanges(t *testing.T) {
	t.Run("Tags", func(t *testing.T) {
		_, c := startFake(t)
		n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
		mustStep(t, c, true, zoneTask(true, n.vpc))
		z := zoneTask(true, n.vpc)
		z.Tags["team"] = "platform"
		want := providers.Field{Name: "Tags",
			Old: "{KubernetesCluster: k8s.example.com, kubernetes.io/cluster/k8s.example.com: owned}",
			New: "{KubernetesCluster: k8s.example.com, kubernetes.io/cluster/k8s.example.com: owned, team: platform}"}
		wantModify(t, mustStep(t, c, false, z), "DNSZone", testZone, want)
		wantModify(t, mustStep(t, c, true, z), "DNSZone", testZone, want)
		wantEmpty(t, mustStep(t, c, false, z))
		if v := zoneTags(t, c, z.id)["team"]; v != "platform" {
			t.Errorf("tag team = %q, want platform", v)
		}
	})
	// A private zone of the name that someone else made for another VPC:
	// drydock associates it with the cluster's VPC and leaves its tags.
	t.Run("VPC", func(t *testing.T) {
		_, c := startFake(t)
		n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
		other := makeNetwork(t, c, "other.example.com", "10.1.0.0/16")
		id := createZone(t, c, testZone, other.vpc.id)
		z := zoneTask(true, n.vpc)
		want := providers.Field{Name: "VPC", Old: "name:" + other.vpc.id, New: "name:k8s.example.com"}
		wantModify(t, mustStep(t, c, false, z), "DNSZone", testZone, want)
		wantModify(t, mustStep(t, c, true, z), "DNSZone", testZone, want)
		wantEmpty(t, mustStep(t, c, false, zoneTask(true, n.vpc)))
		if z.id != id {
			t.Errorf("used zone %q, want %q", z.id, id)
		}
		if vpcs := zoneVPCs(t, c, id); len(vpcs) != 2 {
			t.Errorf("zone VPCs %v, want %s and %s", vpcs, other.vpc.id, n.vpc.id)
		}
		if tags := zoneTags(t, c, id); len(tags) > 0 {
			t.Errorf("someone else's zone was tagged %v", tags)
		}
	})
}

// lbAndZone makes the network and the API load balancer with the tasks,
// and a public zone with the SDK.
func lbAndZone(t *testing.T) (*Clients, *network, string) {
	t.Helper()
	_, c := startFake(t)
	n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
	mustStep(t, c, true, n.lb())
	return c, n, createZone(t, c, testZone, "")
}

func record(t *testing.T, c *Clients, zoneID, name string) r53types.ResourceRecordSet {
	t.Helper()
	out, err := c.Route53.ListResourceRecordSets(context.Background(), &route53.ListResourceRecordSetsInput{
		HostedZoneId: aws.String(zoneID), StartRecordName: aws.String(name),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, rr := range out.ResourceRecordSets {
		if dnsName(aws.ToString(rr.Name)) == name {
			return rr
		}
	}
	t.Fatalf("no record %s", name)
	return r53types.ResourceRecordSet{}
}

func upsert(t *testing.T, c *Clients, zoneID string, rr *r53types.ResourceRecordSet) {
	t.Helper()
	_, err := c.Route53.ChangeResourceRecordSets(context.Background(), &route53.ChangeResourceRecordSetsInput{
		HostedZoneId: aws.String(zoneID),
		ChangeBatch:  &r53types.ChangeBatch{Changes: []r53types.Change{{Action: r53types.ChangeActionUpsert, ResourceRecordSet: rr}}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDNSNameApply(t *testing.T) {
	c, n, zoneID := lbAndZone(t)
	lb, z := n.lb(), zoneTask(false, n.vpc)
	changes := mustStep(t, c, true, lb, z, apiRecord(z, lb))
	wantCreates(t, changes, "DNSName/api.k8s.example.com")
	want := []providers.Field{{Name: "Alias", New: "name:api.k8s.example.com"}, {Name: "Type", New: "A"}}
	if !equalFields(changes[0].Fields, want) {
		t.Errorf("create fields %v, want %v", changes[0].Fields, want)
	}

	rr := record(t, c, zoneID, "api.k8s.example.com")
	a := rr.AliasTarget
	if rr.Type != r53types.RRTypeA || a == nil {
		t.Fatalf("record %s %+v, want an A alias", rr.Type, rr)
	}
	if dnsName(aws.ToString(a.DNSName)) != strings.ToLower(lb.dnsName) || aws.ToString(a.HostedZoneId) != lb.hostedZoneID || a.EvaluateTargetHealth {
		t.Errorf("alias to %s in %s (evaluate health %v), want %s in %s, false",
			aws.ToString(a.DNSName), aws.ToString(a.HostedZoneId), a.EvaluateTargetHealth, lb.dnsName, lb.hostedZoneID)
	}

	lb, z = n.lb(), zoneTask(false, n.vpc)
	wantEmpty(t, mustStep(t, c, false, lb, z, apiRecord(z, lb)))
}

func TestDNSNameChanges(t *testing.T) {
	for _, tc := range []struct {
		name string
		// change changes the record or the load balancer in AWS and
		// returns what the plan shows the record points at.
		change func(t *testing.T, c *Clients, zoneID string, lb *nlbTask) string
	}{{
		name: "elsewhere",
		change: func(t *testing.T, c *Clients, zoneID string, lb *nlbTask) string {
			upsert(t, c, zoneID, &r53types.ResourceRecordSet{Name: aws.String("api.k8s.example.com"), Type: r53types.RRTypeA,
				AliasTarget: &r53types.AliasTarget{DNSName: aws.String("other-0123.elb.us-east-1.amazonaws.com"), HostedZoneId: aws.String(lb.hostedZoneID)}})
			return "other-0123.elb.us-east-1.amazonaws.com"
		},
	}, {
		// The load balancer's DNS name, but in another hosted zone (an
		// ALB's): not an alias of the load balancer.
		name: "other zone",
		change: func(t *testing.T, c *Clients, zoneID string, lb *nlbTask) string {
			upsert(t, c, zoneID, &r53types.ResourceRecordSet{Name: aws.String("api.k8s.example.com"), Type: r53types.RRTypeA,
				AliasTarget: &r53types.AliasTarget{DNSName: aws.String(lb.dnsName), HostedZoneId: aws.String("Z35SXDOTRQ7X7K")}})
			return strings.ToLower(lb.dnsName)
		},
	}, {
		name: "placeholder",
		change: func(t *testing.T, c *Clients, zoneID string, _ *nlbTask) string {
			upsert(t, c, zoneID, &r53types.ResourceRecordSet{Name: aws.String("api.k8s.example.com"), Type: r53types.RRTypeA,
				TTL: aws.Int64(60), ResourceRecords: []r53types.ResourceRecord{{Value: aws.String(PlaceholderIP)}}})
			return "[" + PlaceholderIP + "]"
		},
	}, {
		// The load balancer was deleted and made again: same name, new
		// DNS name.
		name: "new load balancer",
		change: func(t *testing.T, c *Clients, _ string, lb *nlbTask) string {
			old := lb.dnsName
			if _, err := c.ELBv2.DeleteLoadBalancer(context.Background(), &elbv2.DeleteLoadBalancerInput{LoadBalancerArn: aws.String(lb.arn)}); err != nil {
				t.Fatal(err)
			}
			mustStep(t, c, true, lb)
			if lb.dnsName == old {
				t.Fatalf("the new load balancer has the old DNS name %s", old)
			}
			return strings.ToLower(old)
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			c, n, zoneID := lbAndZone(t)
			lb, z := n.lb(), zoneTask(false, n.vpc)
			mustStep(t, c, true, lb, z, apiRecord(z, lb))
			old := tc.change(t, c, zoneID, lb)

			lb, z = n.lb(), zoneTask(false, n.vpc)
			r := apiRecord(z, lb)
			want := providers.Field{Name: "Alias", Old: old, New: "name:api.k8s.example.com"}
			wantModify(t, mustStep(t, c, false, lb, z, r), "DNSName", r.Name, want)
			wantModify(t, mustStep(t, c, true, lb, z, r), "DNSName", r.Name, want)
			wantEmpty(t, mustStep(t, c, false, lb, z, r))
			if got := dnsName(aws.ToString(record(t, c, zoneID, r.Name).AliasTarget.DNSName)); got != strings.ToLower(lb.dnsName) {
				t.Errorf("alias to %s, want %s", got, lb.dnsName)
			}
		})
	}
}

func TestDNSNameTypeIsImmutable(t *testing.T) {
	c, n, zoneID := lbAndZone(t)
	upsert(t, c, zoneID, &r53types.ResourceRecordSet{Name: aws.String("api.k8s.example.com"), Type: r53types.RRTypeCname,
		TTL: aws.Int64(60), ResourceRecords: []r53types.ResourceRecord{{Value: aws.String("elsewhere.example.net")}}})
	lb, z := n.lb(), zoneTask(false, n.vpc)
	_, err := stepTasks(c, false, lb, z, apiRecord(z, lb))
	wantErrorNaming(t, err, "DNSName/api.k8s.example.com", `Type "CNAME" -> "A"`)
}

// A dry run before anything exists plans the private zone and the record
// without an error about the missing VPC, zone or load balancer; with a
// public zone, the record alone.
func TestDNSDryRunBeforeDependencies(t *testing.T) {
	_, c := startFake(t)
	n := unmadeNetwork()
	lb, z := n.lb(), zoneTask(true, n.vpc)
	wantCreates(t, mustStep(t, c, false, lb, z, apiRecord(z, lb)),
		"DNSName/api.k8s.example.com", "DNSZone/example.com", "NetworkLoadBalancer/api.k8s.example.com")

	createZone(t, c, testZone, "")
	lb, z = n.lb(), zoneTask(false, n.vpc)
	wantCreates(t, mustStep(t, c, false, lb, z, apiRecord(z, lb)),
		"DNSName/api.k8s.example.com", "NetworkLoadBalancer/api.k8s.example.com")
}
