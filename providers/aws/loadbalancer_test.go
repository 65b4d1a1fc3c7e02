package aws

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"

	"github.com/drydock-sandbox/drydock/providers"
)

const testCluster = "k8s.example.com"

// stepTasks plans (apply false) or applies tasks one after the other in
// the order given, as run does for each, and returns the changes sorted.
// Unlike run it does not want every dependency in the list: these tests
// make the VPC, subnets and security groups with the SDK.
func stepTasks(c *Clients, apply bool, tasks ...task) ([]providers.Change, error) {
	var changes []providers.Change
	for _, tk := range tasks {
		ch, err := step(context.Background(), c, tk, apply)
		if err != nil {
			return nil, err
		}
		if ch != nil {
			changes = append(changes, *ch)
		}
	}
	p := &providers.Plan{Changes: changes}
	return append(p.Creates(), p.Modifies()...), nil
}

func mustStep(t *testing.T, c *Clients, apply bool, tasks ...task) []providers.Change {
	t.Helper()
	changes, err := stepTasks(c, apply, tasks...)
	if err != nil {
		t.Fatalf("apply=%v: %v", apply, err)
	}
	return changes
}

// wantModify fails unless changes is one modification of kind/name with
// exactly the fields want.
func wantModify(t *testing.T, changes []providers.Change, kind, name string, want ...providers.Field) {
	t.Helper()
	w := []providers.Change{{Kind: kind, Name: name, Fields: want}}
	if !reflect.DeepEqual(changes, w) {
		t.Fatalf("changes:\n got %s\nwant %s", showChanges(changes), showChanges(w))
	}
}

// wantCreates fails unless changes create exactly kind/name, sorted.
func wantCreates(t *testing.T, changes []providers.Change, want ...string) {
	t.Helper()
	var got []string
	for _, ch := range changes {
		if !ch.Create {
			t.Fatalf("changes: %s; want only creations", showChanges(changes))
		}
		got = append(got, ch.Kind+"/"+ch.Name)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("created %v, want %v", got, want)
	}
}

func wantEmpty(t *testing.T, changes []providers.Change) {
	t.Helper()
	if len(changes) > 0 {
		t.Fatalf("plan after apply: %s; want no changes", showChanges(changes))
	}
}

func showChanges(cs []providers.Change) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "\n  %s/%s create=%v", c.Kind, c.Name, c.Create)
		for _, f := range c.Fields {
			fmt.Fprintf(&b, "\n    %s: %q -> %q", f.Name, f.Old, f.New)
		}
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}

func wantErrorNaming(t *testing.T, err error, words ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one naming %q", words)
	}
	for _, w := range words {
		if !strings.Contains(err.Error(), w) {
			t.Fatalf("error %q does not name %q", err, w)
		}
	}
}

// network is a VPC with a subnet in each of three zones and two security
// groups, made with the SDK; the tasks carry their IDs as if found.
type network struct {
	vpc     *vpcTask
	subnets []*subnetTask        // utility-us-east-1{a,b,c}
	groups  []*securityGroupTask // api-elb, extra
}

func makeNetwork(t *testing.T, c *Clients, cluster, cidr string) *network {
	t.Helper()
	ctx := context.Background()
	vpc, err := c.EC2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String(cidr)})
	if err != nil {
		t.Fatal(err)
	}
	n := &network{vpc: &vpcTask{Name: cluster, Cluster: cluster, id: aws.ToString(vpc.Vpc.VpcId)}}
	prefix := strings.TrimSuffix(cidr, ".0.0/16")
	for i, zone := range []string{"us-east-1a", "us-east-1b", "us-east-1c"} {
		out, err := c.EC2.CreateSubnet(ctx, &ec2.CreateSubnetInput{
			VpcId: vpc.Vpc.VpcId, AvailabilityZone: aws.String(zone), CidrBlock: aws.String(fmt.Sprintf("%s.%d.0/24", prefix, i)),
		})
		if err != nil {
			t.Fatal(err)
		}
		n.subnets = append(n.subnets, &subnetTask{Name: "utility-" + zone + "." + cluster, Cluster: cluster, VPC: n.vpc, Zone: zone, id: aws.ToString(out.Subnet.SubnetId)})
	}
	for _, short := range []string{"api-elb", "extra"} {
		out, err := c.EC2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
			GroupName: aws.String(short + "." + cluster), Description: aws.String(short), VpcId: vpc.Vpc.VpcId,
		})
		if err != nil {
			t.Fatal(err)
		}
		n.groups = append(n.groups, &securityGroupTask{Name: short + "." + cluster, Cluster: cluster, VPC: n.vpc, id: aws.ToString(out.GroupId)})
	}
	return n
}

// unmadeNetwork is the tasks of a network not made yet: they have no IDs.
func unmadeNetwork() *network {
	vpc := &vpcTask{Name: testCluster, Cluster: testCluster}
	n := &network{vpc: vpc}
	for _, zone := range []string{"us-east-1a", "us-east-1b", "us-east-1c"} {
		n.subnets = append(n.subnets, &subnetTask{Name: "utility-" + zone + "." + testCluster, Cluster: testCluster, VPC: vpc, Zone: zone})
	}
	for _, short := range []string{"api-elb", "extra"} {
		n.groups = append(n.groups, &securityGroupTask{Name: short + "." + testCluster, Cluster: testCluster, VPC: vpc})
	}
	return n
}

func clusterTags(name string) map[string]string {
	tags := OwnershipTags(testCluster)
	tags[TagName] = name
	return tags
}

// The API's tasks as the model makes them, in subnets a and b.
func (n *network) lb() *nlbTask {
	return &nlbTask{Name: "api." + testCluster, Cluster: testCluster, AWSName: LoadBalancerName("api", testCluster),
		Subnets: n.subnets[:2], SecurityGroups: n.groups[:1], Tags: clusterTags("api." + testCluster)}
}

func (n *network) tg() *targetGroupTask {
	return &targetGroupTask{Name: "tcp." + testCluster, Cluster: testCluster, AWSName: TargetGroupName("tcp", testCluster),
		VPC: n.vpc, Port: 443, Protocol: "TCP", Tags: clusterTags("tcp." + testCluster)}
}

func listener(lb *nlbTask, tg *targetGroupTask) *listenerTask {
	return &listenerTask{Name: lb.Name + "-443", LB: lb, Port: 443, Protocol: "TCP", TargetGroup: tg}
}

func describeLB(t *testing.T, c *Clients, name string) elbv2types.LoadBalancer {
	t.Helper()
	out, err := c.ELBv2.DescribeLoadBalancers(context.Background(), &elbv2.DescribeLoadBalancersInput{Names: []string{name}})
	if err != nil {
		t.Fatal(err)
	}
	return out.LoadBalancers[0]
}

func elbTagsT(t *testing.T, c *Clients, arn string) map[string]string {
	t.Helper()
	tags, err := elbTagsOf(context.Background(), c, arn)
	if err != nil {
		t.Fatal(err)
	}
	return tags
}

func TestNetworkLoadBalancerApply(t *testing.T) {
	_, c := startFake(t)
	n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
	lb := n.lb()
	changes := mustStep(t, c, true, lb)
	wantCreates(t, changes, "NetworkLoadBalancer/api."+testCluster)
	fields := map[string]string{}
	for _, f := range changes[0].Fields {
		fields[f.Name] = f.New
	}
	want := map[string]string{
		"LoadBalancerName":       "api-k8s-example-com",
		"Scheme":                 "internet-facing",
		"Type":                   "network",
		"Subnets":                "[utility-us-east-1a.k8s.example.com, utility-us-east-1b.k8s.example.com]",
		"SecurityGroups":         "[api-elb.k8s.example.com]",
		"CrossZoneLoadBalancing": "true",
		"Tags":                   "{KubernetesCluster: k8s.example.com, Name: api.k8s.example.com, kubernetes.io/cluster/k8s.example.com: owned}",
	}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("plan fields:\n got %v\nwant %v", fields, want)
	}

	got := describeLB(t, c, "api-k8s-example-com")
	if got.Type != elbv2types.LoadBalancerTypeEnumNetwork || got.Scheme != elbv2types.LoadBalancerSchemeEnumInternetFacing {
		t.Errorf("type %s scheme %s, want network internet-facing", got.Type, got.Scheme)
	}
	var subnets []string
	for _, z := range got.AvailabilityZones {
		subnets = append(subnets, aws.ToString(z.SubnetId))
	}
	if want := []string{n.subnets[0].id, n.subnets[1].id}; !reflect.DeepEqual(subnets, want) {
		t.Errorf("subnets %v, want %v", subnets, want)
	}
	if want := []string{n.groups[0].id}; !reflect.DeepEqual(got.SecurityGroups, want) {
		t.Errorf("security groups %v, want %v", got.SecurityGroups, want)
	}
	if tags := elbTagsT(t, c, lb.arn); !maps.Equal(tags, lb.Tags) {
		t.Errorf("tags %v, want %v", tags, lb.Tags)
	}
	attrs, err := c.ELBv2.DescribeLoadBalancerAttributes(context.Background(), &elbv2.DescribeLoadBalancerAttributesInput{LoadBalancerArn: got.LoadBalancerArn})
	if err != nil {
		t.Fatal(err)
	}
	if v := attrValue(attrs.Attributes, attrCrossZone); v != "true" {
		t.Errorf("%s = %q, want true", attrCrossZone, v)
	}
	if lb.arn != aws.ToString(got.LoadBalancerArn) || lb.dnsName != aws.ToString(got.DNSName) || lb.hostedZoneID != aws.ToString(got.CanonicalHostedZoneId) || lb.dnsName == "" || lb.hostedZoneID == "" {
		t.Errorf("recorded arn %q dns %q zone %q; want %s %s %s", lb.arn, lb.dnsName, lb.hostedZoneID, aws.ToString(got.LoadBalancerArn), aws.ToString(got.DNSName), aws.ToString(got.CanonicalHostedZoneId))
	}

	again := n.lb() // as a new run finds it
	wantEmpty(t, mustStep(t, c, false, again))
	if again.arn != lb.arn || again.dnsName != lb.dnsName || again.hostedZoneID != lb.hostedZoneID {
		t.Errorf("find recorded %q %q %q, want %q %q %q", again.arn, again.dnsName, again.hostedZoneID, lb.arn, lb.dnsName, lb.hostedZoneID)
	}
}

func TestNetworkLoadBalancerChanges(t *testing.T) {
	for _, tc := range []struct {
		name string
		// change edits the expected task or the load balancer in AWS.
		change func(t *testing.T, c *Clients, n *network, lb *nlbTask)
		want   providers.Field
		check  func(t *testing.T, c *Clients, n *network, lb elbv2types.LoadBalancer)
	}{{
		name: "Subnets",
		change: func(_ *testing.T, _ *Clients, n *network, lb *nlbTask) {
			lb.Subnets = []*subnetTask{n.subnets[2], n.subnets[0], n.subnets[1]}
		},
		want: providers.Field{Name: "Subnets",
			Old: "[utility-us-east-1a.k8s.example.com, utility-us-east-1b.k8s.example.com]",
			New: "[utility-us-east-1a.k8s.example.com, utility-us-east-1b.k8s.example.com, utility-us-east-1c.k8s.example.com]"},
		check: func(t *testing.T, _ *Clients, _ *network, lb elbv2types.LoadBalancer) {
			if len(lb.AvailabilityZones) != 3 {
				t.Errorf("zones %v, want 3", lb.AvailabilityZones)
			}
		},
	}, {
		name: "SecurityGroups",
		change: func(_ *testing.T, _ *Clients, n *network, lb *nlbTask) {
			lb.SecurityGroups = n.groups
		},
		want: providers.Field{Name: "SecurityGroups", Old: "[api-elb.k8s.example.com]", New: "[api-elb.k8s.example.com, extra.k8s.example.com]"},
		check: func(t *testing.T, _ *Clients, n *network, lb elbv2types.LoadBalancer) {
			if want := []string{n.groups[0].id, n.groups[1].id}; !reflect.DeepEqual(lb.SecurityGroups, want) {
				t.Errorf("security groups %v, want %v", lb.SecurityGroups, want)
			}
		},
	}, {
		name: "Tags",
		change: func(_ *testing.T, _ *Clients, _ *network, lb *nlbTask) {
			lb.Tags["team"] = "platform"
		},
		want: providers.Field{Name: "Tags",
			Old: "{KubernetesCluster: k8s.example.com, Name: api.k8s.example.com, kubernetes.io/cluster/k8s.example.com: owned}",
			New: "{KubernetesCluster: k8s.example.com, Name: api.k8s.example.com, kubernetes.io/cluster/k8s.example.com: owned, team: platform}"},
		check: func(t *testing.T, c *Clients, _ *network, lb elbv2types.LoadBalancer) {
			if v := elbTagsT(t, c, aws.ToString(lb.LoadBalancerArn))["team"]; v != "platform" {
				t.Errorf("tag team = %q, want platform", v)
			}
		},
	}, {
		name: "CrossZoneLoadBalancing",
		change: func(t *testing.T, c *Clients, _ *network, lb *nlbTask) {
			_, err := c.ELBv2.ModifyLoadBalancerAttributes(context.Background(), &elbv2.ModifyLoadBalancerAttributesInput{
				LoadBalancerArn: aws.String(lb.arn),
				Attributes:      []elbv2types.LoadBalancerAttribute{{Key: aws.String(attrCrossZone), Value: aws.String("false")}},
			})
			if err != nil {
				t.Fatal(err)
			}
		},
		want: providers.Field{Name: "CrossZoneLoadBalancing", Old: "false", New: "true"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := startFake(t)
			n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
			mustStep(t, c, true, n.lb())

			lb := n.lb()
			if _, err := lb.find(context.Background(), c); err != nil { // records the ARN
				t.Fatal(err)
			}
			tc.change(t, c, n, lb)
			wantModify(t, mustStep(t, c, false, lb), "NetworkLoadBalancer", lb.Name, tc.want)
			wantModify(t, mustStep(t, c, true, lb), "NetworkLoadBalancer", lb.Name, tc.want)
			wantEmpty(t, mustStep(t, c, false, lb))
			if tc.check != nil {
				tc.check(t, c, n, describeLB(t, c, lb.AWSName))
			}
		})
	}
}

func TestNetworkLoadBalancerSchemeIsImmutable(t *testing.T) {
	_, c := startFake(t)
	n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
	mustStep(t, c, true, n.lb())
	lb := n.lb()
	lb.Internal = true
	_, err := stepTasks(c, false, lb)
	wantErrorNaming(t, err, "NetworkLoadBalancer/api.k8s.example.com", "Scheme", `"internet-facing" -> "internal"`)
}

func TestNetworkLoadBalancerOfSomeoneElse(t *testing.T) {
	for name, tags := range map[string][]elbv2types.Tag{
		"untagged":      nil,
		"other cluster": {{Key: aws.String(TagCluster), Value: aws.String("other.example.com")}},
	} {
		t.Run(name, func(t *testing.T) {
			_, c := startFake(t)
			n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
			_, err := c.ELBv2.CreateLoadBalancer(context.Background(), &elbv2.CreateLoadBalancerInput{
				Name: aws.String(LoadBalancerName("api", testCluster)), Type: elbv2types.LoadBalancerTypeEnumNetwork,
				Subnets: []string{n.subnets[0].id}, Tags: tags,
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, apply := range []bool{false, true} {
				_, err := stepTasks(c, apply, n.lb())
				wantErrorNaming(t, err, "load balancer api-k8s-example-com", "not tagged KubernetesCluster=k8s.example.com")
			}
			want := map[string]string{}
			for _, tg := range tags {
				want[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
			}
			if got := elbTagsT(t, c, aws.ToString(describeLB(t, c, "api-k8s-example-com").LoadBalancerArn)); !maps.Equal(got, want) {
				t.Errorf("someone else's load balancer has tags %v, want %v as they were", got, want)
			}
		})
	}
}

// A dry run before anything exists plans to create the API's load
// balancer, target group and listener, with no error about the missing
// subnets, groups, VPC or load balancer.
func TestNetworkLoadBalancerDryRunBeforeDependencies(t *testing.T) {
	_, c := startFake(t)
	n := unmadeNetwork()
	lb, tg := n.lb(), n.tg()
	changes := mustStep(t, c, false, lb, tg, listener(lb, tg))
	wantCreates(t, changes, "Listener/api.k8s.example.com-443", "NetworkLoadBalancer/api.k8s.example.com", "TargetGroup/tcp.k8s.example.com")
	var action string
	for _, f := range changes[0].Fields {
		if f.Name == "DefaultAction" {
			action = f.New
		}
	}
	if action != "forward:name:tcp.k8s.example.com" {
		t.Errorf("listener DefaultAction %q, want forward:name:tcp.k8s.example.com", action)
	}
}
