package aws_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	driver "github.com/drydock-sandbox/drydock/providers/aws"
)

// TestDeleteCluster: FindResources lists exactly the cluster's resources
// and none of the decoys; DeleteResources removes them in dependency
// order and leaves the account as it was before the cluster; a second
// run finds and deletes nothing.
func TestDeleteCluster(t *testing.T) {
	s := newSandbox(t)
	d := s.buildDecoys()
	before := s.inventory()
	want := s.buildCluster(clusterA, d)

	found := s.find(clusterA)
	wantSame(t, "resources found", lines(found), want)
	if !slices.IsSortedFunc(found, func(a, b driver.Resource) int {
		return strings.Compare(a.Type+"\x00"+a.Name+"\x00"+a.ID, b.Type+"\x00"+b.Name+"\x00"+b.ID)
	}) {
		t.Errorf("FindResources is not sorted by type, name and ID:\n%s", strings.Join(lines(found), "\n"))
	}
	if again := s.find(clusterA); !slices.Equal(lines(again), lines(found)) {
		t.Errorf("a second FindResources differs:\n%s", strings.Join(lines(again), "\n"))
	}
	// The inventory sees every resource found, so that comparing
	// inventories proves they are gone.
	during := strings.Join(s.inventory(), "\n")
	for _, r := range found {
		id := r.ID
		if parts := strings.SplitN(r.ID, "/", 3); r.Type == driver.ResRoute53Record {
			id = parts[0] + "/" + parts[2] + ". " + parts[1] + " "
		}
		if !strings.Contains(during, id) {
			t.Errorf("the inventory does not show %s (%s)", r, id)
		}
	}

	var log bytes.Buffer
	if err := driver.DeleteResources(s.ctx, s.c, found, driver.DeleteOptions{Clock: s.clk, Log: &log}); err != nil {
		t.Fatalf("DeleteResources: %v\nlog:\n%s", err, log.String())
	}
	wantSame(t, "inventories before the cluster and after its deletion", s.inventory(), before)
	if rest := s.find(clusterA); len(rest) != 0 {
		t.Errorf("FindResources after delete: %v", lines(rest))
	}
	// Everything deleted was logged, and in dependency order.
	order := map[string]int{}
	for i, l := range strings.Split(log.String(), "\n") {
		if rest, ok := strings.CutPrefix(l, "deleted "); ok {
			order[strings.Fields(rest)[0]] = i
		}
	}
	for _, r := range found {
		if _, ok := order[r.String()]; !ok {
			t.Errorf("no \"deleted %s\" in the log", r)
		}
	}
	deletedBefore := func(first, then string) {
		t.Helper()
		var last, earliest = -1, 1 << 30
		for _, r := range found {
			if i, ok := order[r.String()]; ok && r.Type == first {
				last = max(last, i)
			} else if ok && r.Type == then {
				earliest = min(earliest, i)
			}
		}
		if last < 0 || earliest == 1<<30 || last > earliest {
			t.Errorf("every %s should be deleted before any %s:\n%s", first, then, log.String())
		}
	}
	deletedBefore(driver.ResRoute53Record, driver.ResAutoscalingGroup)
	deletedBefore(driver.ResRoute53Record, driver.ResHostedZone)
	deletedBefore(driver.ResAutoscalingGroup, driver.ResLaunchTemplate)
	deletedBefore(driver.ResLoadBalancer, driver.ResTargetGroup)
	deletedBefore(driver.ResInstance, driver.ResVolume)
	deletedBefore(driver.ResNatGateway, driver.ResElasticIP)
	deletedBefore(driver.ResElasticIP, driver.ResInternetGateway)
	deletedBefore(driver.ResSecurityGroup, driver.ResVPC)
	deletedBefore(driver.ResRouteTable, driver.ResSubnet)
	deletedBefore(driver.ResSubnet, driver.ResVPC)
	deletedBefore(driver.ResVPC, driver.ResDHCPOptions)
	deletedBefore(driver.ResIAMInstanceProfile, driver.ResIAMRole)
	// Only the Auto Scaling group deletes in the background: the rounds
	// paused for it alone, at the default interval.
	if p := s.clk.Pauses(); len(p) == 0 || len(p) > 3 || p[0] != driver.DefaultInterval {
		t.Errorf("DeleteResources paused %v, want one to three pauses of %s (the group's force delete)", p, driver.DefaultInterval)
	}

	// A second run over the same list finds everything gone.
	log.Reset()
	if err := driver.DeleteResources(s.ctx, s.c, found, driver.DeleteOptions{Clock: s.clk, Log: &log}); err != nil {
		t.Fatalf("second DeleteResources: %v\nlog:\n%s", err, log.String())
	}
	wantSame(t, "inventories after a second delete", s.inventory(), before)
}

// cancelAfter cancels a context once n resources have been deleted.
type cancelAfter struct {
	n      int
	cancel context.CancelFunc
	log    bytes.Buffer
}

func (w *cancelAfter) Write(p []byte) (int, error) {
	if bytes.HasPrefix(p, []byte("deleted ")) {
		if w.n--; w.n == 0 {
			w.cancel()
		}
	}
	return w.log.Write(p)
}

// TestDeleteInterrupted: a deletion cut short leaves part of the cluster;
// FindResources lists what is left and DeleteResources, run again with
// that list or with the first one, finishes the job.
func TestDeleteInterrupted(t *testing.T) {
	for _, rerun := range []string{"found again", "first list"} {
		t.Run(rerun, func(t *testing.T) {
			s := newSandbox(t)
			d := s.buildDecoys()
			before := s.inventory()
			s.buildCluster(clusterA, d)
			found := s.find(clusterA)

			ctx, cancel := context.WithCancel(s.ctx)
			defer cancel()
			w := &cancelAfter{n: 6, cancel: cancel}
			err := driver.DeleteResources(ctx, s.c, found, driver.DeleteOptions{Clock: s.clk, Log: w})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("DeleteResources cancelled: %v, want context.Canceled\nlog:\n%s", err, w.log.String())
			}
			left := s.find(clusterA)
			if len(left) == 0 || len(left) > len(found)-6 {
				t.Fatalf("after an interruption %d of %d resources are left, want some and at most %d", len(left), len(found), len(found)-6)
			}
			if !strings.Contains(err.Error(), left[0].String()) {
				t.Errorf("the error does not list %s, which is left: %v", left[0], err)
			}

			rs := left
			if rerun == "first list" {
				rs = found
			}
			var log bytes.Buffer
			if err := driver.DeleteResources(s.ctx, s.c, rs, driver.DeleteOptions{Clock: s.clk, Log: &log}); err != nil {
				t.Fatalf("DeleteResources again: %v\nlog:\n%s", err, log.String())
			}
			if rest := s.find(clusterA); len(rest) != 0 {
				t.Errorf("FindResources after the second run: %v", lines(rest))
			}
			wantSame(t, "inventories before the cluster and after its deletion", s.inventory(), before)
		})
	}
}

// TestFindResourcesNeedsTags: IAM roles and instance profiles named as
// kOps names a cluster's, but without its tags, are someone else's.
func TestFindResourcesNeedsTags(t *testing.T) {
	s := newSandbox(t)
	ctx, c := s.ctx, s.c
	for name, tags := range map[string]map[string]string{
		"nodes." + clusterA:    nil,
		"masters." + clusterA:  driver.OwnershipTags("b.example.com"),
		"bastions." + clusterA: {driver.TagCluster: clusterA, driver.TagOwnedPrefix + clusterA: "shared"},
	} {
		_, err := c.IAM.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(assumeEC2), Tags: iamTags(tags)})
		s.must(err)
		_, err = c.IAM.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String(name), Tags: iamTags(tags)})
		s.must(err)
	}
	before := s.inventory()
	found := s.find(clusterA)
	if len(found) != 0 {
		t.Fatalf("FindResources(%s) = %v, want nothing", clusterA, lines(found))
	}
	if err := driver.DeleteResources(ctx, c, found, driver.DeleteOptions{Clock: s.clk}); err != nil {
		t.Fatal(err)
	}
	wantSame(t, "inventories", s.inventory(), before)
	if !slices.Contains(before, "iam role nodes."+clusterA+" path=/") {
		t.Errorf("the inventory does not list the untagged role nodes.%s:\n%s", clusterA, strings.Join(before, "\n"))
	}
}

// TestDeleteReportsWhatIsLeft: a security group of the cluster that a
// group of someone else's references cannot be deleted; DeleteResources
// gives up after MaxRounds rounds without progress and says what is
// left and why, and a run after the reference is gone finishes.
func TestDeleteReportsWhatIsLeft(t *testing.T) {
	s := newSandbox(t)
	ctx, c := s.ctx, s.c
	vpc, err := c.EC2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"),
		TagSpecifications: tagSpec(ec2types.ResourceTypeVpc, owned(clusterA, clusterA))})
	s.must(err)
	ours, err := c.EC2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("nodes." + clusterA), Description: aws.String("nodes"),
		VpcId: vpc.Vpc.VpcId, TagSpecifications: tagSpec(ec2types.ResourceTypeSecurityGroup, owned(clusterA, "nodes."+clusterA))})
	s.must(err)
	theirs, err := c.EC2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("monitoring"), Description: aws.String("monitoring"),
		VpcId: vpc.Vpc.VpcId})
	s.must(err)
	perm := []ec2types.IpPermission{{IpProtocol: aws.String("-1"), UserIdGroupPairs: []ec2types.UserIdGroupPair{{GroupId: ours.GroupId}}}}
	_, err = c.EC2.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: theirs.GroupId, IpPermissions: perm})
	s.must(err)

	found := s.find(clusterA)
	var log bytes.Buffer
	err = driver.DeleteResources(ctx, c, found, driver.DeleteOptions{Clock: s.clk, Log: &log, MaxRounds: 3, Interval: time.Minute})
	if err == nil {
		t.Fatalf("DeleteResources succeeded with a group referenced from outside the cluster\nlog:\n%s", log.String())
	}
	sg, vpcR := "security-group:"+aws.ToString(ours.GroupId), "vpc:"+aws.ToString(vpc.Vpc.VpcId)
	for _, want := range []string{"not making progress after 3 rounds", "2 resources left", sg + " (nodes." + clusterA + "): still has dependencies (DependencyViolation",
		vpcR + " (" + clusterA + "): waits for " + sg} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
	if p := s.clk.Pauses(); !slices.Equal(p, []time.Duration{time.Minute, time.Minute}) {
		t.Errorf("paused %v, want two pauses of a minute between three rounds", p)
	}
	if !strings.Contains(log.String(), sg+" still has dependencies") {
		t.Errorf("log does not report the dependency:\n%s", log.String())
	}

	_, err = c.EC2.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: theirs.GroupId, IpPermissions: perm})
	s.must(err)
	_, err = c.EC2.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: theirs.GroupId})
	s.must(err)
	if err := driver.DeleteResources(ctx, c, found, driver.DeleteOptions{Clock: s.clk, Interval: -1}); err != nil {
		t.Fatal(err)
	}
	if rest := s.find(clusterA); len(rest) != 0 {
		t.Errorf("left: %v", lines(rest))
	}
}

// TestDeleteWithoutPauses: with a negative Interval and an endpoint whose
// changes are immediate (no Auto Scaling group to wait for), the rounds
// follow one another and the clock is never asked to wait.
func TestDeleteWithoutPauses(t *testing.T) {
	s := newSandbox(t)
	ctx, c := s.ctx, s.c
	before := s.inventory()
	vpc, err := c.EC2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"),
		TagSpecifications: tagSpec(ec2types.ResourceTypeVpc, owned(clusterA, clusterA))})
	s.must(err)
	sub, err := c.EC2.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String("10.0.1.0/24"), AvailabilityZone: aws.String("us-east-1a"),
		TagSpecifications: tagSpec(ec2types.ResourceTypeSubnet, owned(clusterA, "us-east-1a."+clusterA))})
	s.must(err)
	igw, err := c.EC2.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{TagSpecifications: tagSpec(ec2types.ResourceTypeInternetGateway, owned(clusterA, clusterA))})
	s.must(err)
	_, err = c.EC2.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{VpcId: vpc.Vpc.VpcId, InternetGatewayId: igw.InternetGateway.InternetGatewayId})
	s.must(err)
	eip, err := c.EC2.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: ec2types.DomainTypeVpc,
		TagSpecifications: tagSpec(ec2types.ResourceTypeElasticIp, owned(clusterA, "us-east-1a."+clusterA))})
	s.must(err)
	_, err = c.EC2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: sub.Subnet.SubnetId, AllocationId: eip.AllocationId,
		TagSpecifications: tagSpec(ec2types.ResourceTypeNatgateway, owned(clusterA, "us-east-1a."+clusterA))})
	s.must(err)
	_, err = c.EC2.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: s.image(), InstanceType: ec2types.InstanceTypeT3Micro,
		MinCount: aws.Int32(1), MaxCount: aws.Int32(1), SubnetId: sub.Subnet.SubnetId,
		TagSpecifications: tagSpec(ec2types.ResourceTypeInstance, owned(clusterA, "bastion."+clusterA))})
	s.must(err)

	found := s.find(clusterA)
	if len(found) != 6 {
		t.Fatalf("found %v, want the 6 resources made", lines(found))
	}
	var log bytes.Buffer
	if err := driver.DeleteResources(ctx, c, found, driver.DeleteOptions{Clock: s.clk, Log: &log, Interval: -1, MaxRounds: 1}); err != nil {
		t.Fatalf("DeleteResources: %v\nlog:\n%s", err, log.String())
	}
	if p := s.clk.Pauses(); len(p) != 0 {
		t.Errorf("paused %v, want no pause", p)
	}
	wantSame(t, "inventories", s.inventory(), before)
}

// TestDeleteRecordsChangedSinceFound: a record changed after
// FindResources (a DELETE must repeat its current values), and one named
// by its ID alone (as a caller that kept only TYPE NAME ID has it), are
// read again and deleted.
func TestDeleteRecordsChangedSinceFound(t *testing.T) {
	s := newSandbox(t)
	zone, err := s.c.Route53.CreateHostedZone(s.ctx, &route53.CreateHostedZoneInput{Name: aws.String("example.com"), CallerReference: aws.String("1")})
	s.must(err)
	z := strings.TrimPrefix(aws.ToString(zone.HostedZone.Id), "/hostedzone/")
	s.changeRecords(z, aRecord("www.example.com", "192.0.2.1"))
	before := s.inventory()
	s.changeRecords(z,
		aRecord("api."+clusterA, "192.0.2.1"),
		r53types.ResourceRecordSet{Name: aws.String("bastion." + clusterA), Type: r53types.RRTypeCname, TTL: aws.Int64(60),
			ResourceRecords: []r53types.ResourceRecord{{Value: aws.String("bastion.example.net")}}},
		r53types.ResourceRecordSet{Name: aws.String("api.internal." + clusterA), Type: r53types.RRTypeAaaa, TTL: aws.Int64(60),
			ResourceRecords: []r53types.ResourceRecord{{Value: aws.String("2001:db8::1")}}},
	)
	found := s.find(clusterA)
	wantSame(t, "records found", lines(found), []string{
		"route53-record api.a.example.com " + z + "/A/api.a.example.com",
		"route53-record api.internal.a.example.com " + z + "/AAAA/api.internal.a.example.com",
		"route53-record bastion.a.example.com " + z + "/CNAME/bastion.a.example.com",
	})
	rec := aRecord("api."+clusterA, "192.0.2.9")
	_, err = s.c.Route53.ChangeResourceRecordSets(s.ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(z),
		ChangeBatch: &r53types.ChangeBatch{Changes: []r53types.Change{{Action: r53types.ChangeActionUpsert, ResourceRecordSet: &rec}}}})
	s.must(err)
	bare := driver.Resource{Type: found[2].Type, Name: found[2].Name, ID: found[2].ID}
	var log bytes.Buffer
	if err := driver.DeleteResources(s.ctx, s.c, []driver.Resource{found[0], found[1], bare}, driver.DeleteOptions{Clock: s.clk, Log: &log, Interval: -1, MaxRounds: 1}); err != nil {
		t.Fatalf("DeleteResources: %v\nlog:\n%s", err, log.String())
	}
	wantSame(t, "inventories", s.inventory(), before)
}

func TestDeleteUnknownType(t *testing.T) {
	err := driver.DeleteResources(context.Background(), &driver.Clients{}, []driver.Resource{{Type: "bucket", ID: "b"}}, driver.DeleteOptions{})
	if err == nil || !strings.Contains(err.Error(), `unknown resource type "bucket"`) {
		t.Errorf("DeleteResources of an unknown type: %v", err)
	}
}
