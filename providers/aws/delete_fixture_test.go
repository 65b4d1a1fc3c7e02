package aws_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	driver "github.com/drydock-sandbox/drydock/providers/aws"
	"github.com/drydock-sandbox/drydock/providers/aws/awstest"
)

const clusterA = "a.example.com"

// sandbox is fakeaws at speed 0 whose background work (Auto Scaling's
// reconciler) runs only when DeleteResources pauses between rounds, on a
// clock that records the pauses instead of sleeping.
type sandbox struct {
	t   *testing.T
	ctx context.Context
	srv *fakeawstest.Server
	c   *driver.Clients
	clk *awstest.SettlingClock
}

func newSandbox(t *testing.T) *sandbox {
	t.Helper()
	srv := fakeawstest.Start(t, fakeaws.WithSpeed(0), fakeaws.WithManualSettle())
	s := &sandbox{t: t, ctx: context.Background(), srv: srv, c: driver.NewClients(srv.Config())}
	s.clk = awstest.NewSettlingClock(s.settle)
	return s
}

func (s *sandbox) settle() {
	s.t.Helper()
	s.must(s.srv.Settle(s.ctx))
}

func (s *sandbox) must(err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
}

func (s *sandbox) inventory() []string {
	s.t.Helper()
	inv, err := awstest.Inventory(s.ctx, s.c)
	s.must(err)
	return inv
}

func (s *sandbox) find(cluster string) []driver.Resource {
	s.t.Helper()
	rs, err := driver.FindResources(s.ctx, s.c, cluster)
	s.must(err)
	return rs
}

// image is an x86_64 Ubuntu image of fakeaws' catalogue.
func (s *sandbox) image() *string {
	s.t.Helper()
	out, err := s.c.EC2.DescribeImages(s.ctx, &ec2.DescribeImagesInput{Owners: []string{"099720109477"},
		Filters: []ec2types.Filter{{Name: aws.String("architecture"), Values: []string{"x86_64"}}}})
	s.must(err)
	if len(out.Images) == 0 {
		s.t.Fatal("fakeaws lists no x86_64 Ubuntu image")
	}
	return out.Images[0].ImageId
}

// lines renders resources as "TYPE NAME ID", as delete cluster lists them.
func lines(rs []driver.Resource) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Type + " " + r.Name + " " + r.ID
	}
	return out
}

func tagSpec(rt ec2types.ResourceType, tags map[string]string) []ec2types.TagSpecification {
	return []ec2types.TagSpecification{{ResourceType: rt, Tags: ec2Tags(tags)}}
}

func ec2Tags(tags map[string]string) []ec2types.Tag {
	var out []ec2types.Tag
	for k, v := range tags {
		out = append(out, ec2types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

// owned is the tags of a resource of cluster named name.
func owned(cluster, name string) map[string]string {
	tags := driver.OwnershipTags(cluster)
	tags[driver.TagName] = name
	return tags
}

// decoys are resources the deletion of cluster a.example.com must not
// touch.
type decoys struct {
	zone       string // example.com, public
	policyARN  string // a managed policy the cluster's role uses
	decoyVPC   string // untagged, with a subnet shared with cluster a
	sharedSub  string
	otherVPC   string // cluster b's
	otherGroup string // cluster b's security group
}

func (s *sandbox) buildDecoys() decoys {
	s.t.Helper()
	ctx, c := s.ctx, s.c
	var d decoys
	vpc, err := c.EC2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.1.0.0/16")})
	s.must(err)
	d.decoyVPC = aws.ToString(vpc.Vpc.VpcId)
	// Shared with cluster a: it carries KubernetesCluster=a, but the
	// ownership tag says shared.
	shared := map[string]string{driver.TagCluster: clusterA, driver.TagOwnedPrefix + clusterA: "shared", "Name": "shared"}
	sub, err := c.EC2.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String("10.1.1.0/24"),
		AvailabilityZone: aws.String("us-east-1a"), TagSpecifications: tagSpec(ec2types.ResourceTypeSubnet, shared)})
	s.must(err)
	d.sharedSub = aws.ToString(sub.Subnet.SubnetId)

	const clusterB = "b.example.com"
	vpcB, err := c.EC2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.2.0.0/16"),
		TagSpecifications: tagSpec(ec2types.ResourceTypeVpc, owned(clusterB, clusterB))})
	s.must(err)
	d.otherVPC = aws.ToString(vpcB.Vpc.VpcId)
	_, err = c.EC2.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpcB.Vpc.VpcId, CidrBlock: aws.String("10.2.1.0/24"),
		AvailabilityZone: aws.String("us-east-1a"), TagSpecifications: tagSpec(ec2types.ResourceTypeSubnet, owned(clusterB, "us-east-1a."+clusterB))})
	s.must(err)
	sgB, err := c.EC2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("nodes." + clusterB), Description: aws.String("b"),
		VpcId: vpcB.Vpc.VpcId, TagSpecifications: tagSpec(ec2types.ResourceTypeSecurityGroup, owned(clusterB, "nodes."+clusterB))})
	s.must(err)
	d.otherGroup = aws.ToString(sgB.GroupId)
	_, err = c.ELBv2.CreateTargetGroup(ctx, &elbv2.CreateTargetGroupInput{Name: aws.String(driver.TargetGroupName("tcp", clusterB)),
		Protocol: elbtypes.ProtocolEnumTcp, Port: aws.Int32(443), VpcId: vpcB.Vpc.VpcId, Tags: elbTags(owned(clusterB, "tcp."+clusterB))})
	s.must(err)
	_, err = c.EC2.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String("decoy"),
		LaunchTemplateData: &ec2types.RequestLaunchTemplateData{InstanceType: ec2types.InstanceTypeT3Micro}})
	s.must(err)
	_, err = c.EC2.CreateKeyPair(ctx, &ec2.CreateKeyPairInput{KeyName: aws.String("decoy")})
	s.must(err)
	d.policyARN = "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess"

	zone, err := c.Route53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("example.com"), CallerReference: aws.String("example.com")})
	s.must(err)
	d.zone = strings.TrimPrefix(aws.ToString(zone.HostedZone.Id), "/hostedzone/")
	s.changeRecords(d.zone,
		aRecord("www.example.com", "192.0.2.1"),
		aRecord("api.b.example.com", "192.0.2.2"),
		// A name of cluster a, but a type kOps does not delete.
		r53types.ResourceRecordSet{Name: aws.String("api." + clusterA), Type: r53types.RRTypeTxt, TTL: aws.Int64(60),
			ResourceRecords: []r53types.ResourceRecord{{Value: aws.String(`"kept"`)}}},
	)
	zoneB, err := c.Route53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String(clusterB), CallerReference: aws.String(clusterB),
		HostedZoneConfig: &r53types.HostedZoneConfig{PrivateZone: true},
		VPC:              &r53types.VPC{VPCId: vpcB.Vpc.VpcId, VPCRegion: r53types.VPCRegionUsEast1}})
	s.must(err)
	s.tagZone(aws.ToString(zoneB.HostedZone.Id), owned(clusterB, clusterB))
	return d
}

const policyDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}`

const assumeEC2 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

func elbTags(tags map[string]string) []elbtypes.Tag {
	var out []elbtypes.Tag
	for k, v := range tags {
		out = append(out, elbtypes.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

func iamTags(tags map[string]string) []iamtypes.Tag {
	var out []iamtypes.Tag
	for k, v := range tags {
		out = append(out, iamtypes.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

func aRecord(name, ip string) r53types.ResourceRecordSet {
	return r53types.ResourceRecordSet{Name: aws.String(name), Type: r53types.RRTypeA, TTL: aws.Int64(60),
		ResourceRecords: []r53types.ResourceRecord{{Value: aws.String(ip)}}}
}

func (s *sandbox) changeRecords(zone string, sets ...r53types.ResourceRecordSet) {
	s.t.Helper()
	var changes []r53types.Change
	for i := range sets {
		changes = append(changes, r53types.Change{Action: r53types.ChangeActionCreate, ResourceRecordSet: &sets[i]})
	}
	_, err := s.c.Route53.ChangeResourceRecordSets(s.ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(zone),
		ChangeBatch: &r53types.ChangeBatch{Changes: changes}})
	s.must(err)
}

func (s *sandbox) tagZone(id string, tags map[string]string) {
	s.t.Helper()
	var ts []r53types.Tag
	for k, v := range tags {
		ts = append(ts, r53types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	_, err := s.c.Route53.ChangeTagsForResource(s.ctx, &route53.ChangeTagsForResourceInput{ResourceType: r53types.TagResourceTypeHostedzone,
		ResourceId: aws.String(strings.TrimPrefix(id, "/hostedzone/")), AddTags: ts})
	s.must(err)
}

// buildCluster makes the resources of a small cluster shaped as kOps
// shapes one, tagged for cluster, and returns the lines FindResources
// should list ("TYPE NAME ID").
func (s *sandbox) buildCluster(cluster string, d decoys) []string {
	s.t.Helper()
	ctx, c := s.ctx, s.c
	var want []string
	add := func(typ, name, id string) { want = append(want, typ+" "+name+" "+id) }
	zoneA, utilityA, privateA := "us-east-1a", "utility-us-east-1a."+cluster, "us-east-1a."+cluster

	dhcp, err := c.EC2.CreateDhcpOptions(ctx, &ec2.CreateDhcpOptionsInput{
		DhcpConfigurations: []ec2types.NewDhcpConfiguration{{Key: aws.String("domain-name-servers"), Values: []string{"AmazonProvidedDNS"}}},
		TagSpecifications:  tagSpec(ec2types.ResourceTypeDhcpOptions, owned(cluster, cluster))})
	s.must(err)
	add(driver.ResDHCPOptions, cluster, aws.ToString(dhcp.DhcpOptions.DhcpOptionsId))
	vpcOut, err := c.EC2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("172.20.0.0/16"),
		TagSpecifications: tagSpec(ec2types.ResourceTypeVpc, owned(cluster, cluster))})
	s.must(err)
	vpc := vpcOut.Vpc.VpcId
	add(driver.ResVPC, cluster, aws.ToString(vpc))
	_, err = c.EC2.AssociateDhcpOptions(ctx, &ec2.AssociateDhcpOptionsInput{VpcId: vpc, DhcpOptionsId: dhcp.DhcpOptions.DhcpOptionsId})
	s.must(err)
	igw, err := c.EC2.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{
		TagSpecifications: tagSpec(ec2types.ResourceTypeInternetGateway, owned(cluster, cluster))})
	s.must(err)
	add(driver.ResInternetGateway, cluster, aws.ToString(igw.InternetGateway.InternetGatewayId))
	_, err = c.EC2.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{VpcId: vpc, InternetGatewayId: igw.InternetGateway.InternetGatewayId})
	s.must(err)

	subnet := func(name, cidr string) *string {
		out, err := c.EC2.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc, CidrBlock: aws.String(cidr), AvailabilityZone: aws.String(zoneA),
			TagSpecifications: tagSpec(ec2types.ResourceTypeSubnet, owned(cluster, name))})
		s.must(err)
		add(driver.ResSubnet, name, aws.ToString(out.Subnet.SubnetId))
		return out.Subnet.SubnetId
	}
	utility, private := subnet(utilityA, "172.20.0.0/22"), subnet(privateA, "172.20.32.0/19")

	eip, err := c.EC2.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: ec2types.DomainTypeVpc,
		TagSpecifications: tagSpec(ec2types.ResourceTypeElasticIp, owned(cluster, zoneA+"."+cluster))})
	s.must(err)
	add(driver.ResElasticIP, zoneA+"."+cluster, aws.ToString(eip.AllocationId))
	nat, err := c.EC2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: utility, AllocationId: eip.AllocationId,
		TagSpecifications: tagSpec(ec2types.ResourceTypeNatgateway, owned(cluster, zoneA+"."+cluster))})
	s.must(err)
	add(driver.ResNatGateway, zoneA+"."+cluster, aws.ToString(nat.NatGateway.NatGatewayId))

	routeTable := func(name string, route ec2.CreateRouteInput, sub *string) {
		rt, err := c.EC2.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: vpc,
			TagSpecifications: tagSpec(ec2types.ResourceTypeRouteTable, owned(cluster, name))})
		s.must(err)
		add(driver.ResRouteTable, name, aws.ToString(rt.RouteTable.RouteTableId))
		route.RouteTableId, route.DestinationCidrBlock = rt.RouteTable.RouteTableId, aws.String("0.0.0.0/0")
		_, err = c.EC2.CreateRoute(ctx, &route)
		s.must(err)
		_, err = c.EC2.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: rt.RouteTable.RouteTableId, SubnetId: sub})
		s.must(err)
	}
	routeTable(cluster, ec2.CreateRouteInput{GatewayId: igw.InternetGateway.InternetGatewayId}, utility)
	routeTable("private-"+zoneA+"."+cluster, ec2.CreateRouteInput{NatGatewayId: nat.NatGateway.NatGatewayId}, private)

	groups := map[string]*string{}
	for _, role := range []string{"masters", "nodes", "api-elb"} {
		name := role + "." + cluster
		g, err := c.EC2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String(name), Description: aws.String(name),
			VpcId: vpc, TagSpecifications: tagSpec(ec2types.ResourceTypeSecurityGroup, owned(cluster, name))})
		s.must(err)
		add(driver.ResSecurityGroup, name, aws.ToString(g.GroupId))
		groups[role] = g.GroupId
	}
	allow := func(to, from string) {
		_, err := c.EC2.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: groups[to],
			IpPermissions: []ec2types.IpPermission{{IpProtocol: aws.String("-1"), UserIdGroupPairs: []ec2types.UserIdGroupPair{{GroupId: groups[from]}}}}})
		s.must(err)
	}
	allow("masters", "nodes")
	allow("nodes", "masters")
	allow("nodes", "nodes")
	allow("masters", "api-elb")

	key, err := c.EC2.CreateKeyPair(ctx, &ec2.CreateKeyPairInput{KeyName: aws.String("kubernetes." + cluster + "-00:11"),
		TagSpecifications: tagSpec(ec2types.ResourceTypeKeyPair, driver.OwnershipTags(cluster))})
	s.must(err)
	add(driver.ResKeypair, "kubernetes."+cluster+"-00:11", aws.ToString(key.KeyPairId))

	for _, role := range []string{"masters", "nodes"} {
		name := role + "." + cluster
		_, err := c.IAM.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(assumeEC2),
			Tags: iamTags(driver.OwnershipTags(cluster))})
		s.must(err)
		add(driver.ResIAMRole, name, name)
		_, err = c.IAM.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(name), PolicyDocument: aws.String(policyDoc)})
		s.must(err)
	}
	_, err = c.IAM.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("masters." + cluster), PolicyArn: aws.String(d.policyARN)})
	s.must(err)
	profile := "nodes." + cluster
	_, err = c.IAM.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String(profile), Tags: iamTags(driver.OwnershipTags(cluster))})
	s.must(err)
	add(driver.ResIAMInstanceProfile, profile, profile)
	_, err = c.IAM.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String(profile), RoleName: aws.String(profile)})
	s.must(err)

	ltName := "nodes." + cluster
	lt, err := c.EC2.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String(ltName),
		TagSpecifications: tagSpec(ec2types.ResourceTypeLaunchTemplate, owned(cluster, ltName)),
		LaunchTemplateData: &ec2types.RequestLaunchTemplateData{ImageId: s.image(), InstanceType: ec2types.InstanceTypeT3Medium,
			IamInstanceProfile: &ec2types.LaunchTemplateIamInstanceProfileSpecificationRequest{Name: aws.String(profile)},
			SecurityGroupIds:   []string{aws.ToString(groups["nodes"])}, KeyName: key.KeyName,
			TagSpecifications: []ec2types.LaunchTemplateTagSpecificationRequest{
				{ResourceType: ec2types.ResourceTypeInstance, Tags: ec2Tags(owned(cluster, ltName))},
				{ResourceType: ec2types.ResourceTypeVolume, Tags: ec2Tags(owned(cluster, ltName))},
			}}})
	s.must(err)
	add(driver.ResLaunchTemplate, ltName, aws.ToString(lt.LaunchTemplate.LaunchTemplateId))

	tgName := driver.TargetGroupName("tcp", cluster)
	tg, err := c.ELBv2.CreateTargetGroup(ctx, &elbv2.CreateTargetGroupInput{Name: aws.String(tgName), Protocol: elbtypes.ProtocolEnumTcp,
		Port: aws.Int32(443), VpcId: vpc, Tags: elbTags(owned(cluster, "tcp."+cluster))})
	s.must(err)
	add(driver.ResTargetGroup, tgName, aws.ToString(tg.TargetGroups[0].TargetGroupArn))
	lbName := driver.LoadBalancerName("api", cluster)
	lb, err := c.ELBv2.CreateLoadBalancer(ctx, &elbv2.CreateLoadBalancerInput{Name: aws.String(lbName), Type: elbtypes.LoadBalancerTypeEnumNetwork,
		Subnets: []string{aws.ToString(utility)}, SecurityGroups: []string{aws.ToString(groups["api-elb"])}, Tags: elbTags(owned(cluster, "api."+cluster))})
	s.must(err)
	add(driver.ResLoadBalancer, lbName, aws.ToString(lb.LoadBalancers[0].LoadBalancerArn))
	_, err = c.ELBv2.CreateListener(ctx, &elbv2.CreateListenerInput{LoadBalancerArn: lb.LoadBalancers[0].LoadBalancerArn, Protocol: elbtypes.ProtocolEnumTcp,
		Port: aws.Int32(443), DefaultActions: []elbtypes.Action{{Type: elbtypes.ActionTypeEnumForward, TargetGroupArn: tg.TargetGroups[0].TargetGroupArn}}})
	s.must(err)

	asgTags := []astypes.Tag{}
	for k, v := range owned(cluster, ltName) {
		asgTags = append(asgTags, astypes.Tag{Key: aws.String(k), Value: aws.String(v), PropagateAtLaunch: aws.Bool(true)})
	}
	_, err = c.AutoScaling.CreateAutoScalingGroup(ctx, &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String(ltName),
		MinSize: aws.Int32(2), MaxSize: aws.Int32(2), DesiredCapacity: aws.Int32(2), VPCZoneIdentifier: private,
		LaunchTemplate:  &astypes.LaunchTemplateSpecification{LaunchTemplateId: lt.LaunchTemplate.LaunchTemplateId, Version: aws.String("$Latest")},
		TargetGroupARNs: []string{aws.ToString(tg.TargetGroups[0].TargetGroupArn)}, Tags: asgTags})
	s.must(err)
	add(driver.ResAutoscalingGroup, ltName, ltName)
	s.settle()
	group, err := c.AutoScaling.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{ltName}})
	s.must(err)
	var instances []string
	for _, i := range group.AutoScalingGroups[0].Instances {
		instances = append(instances, aws.ToString(i.InstanceId))
		add(driver.ResInstance, ltName, aws.ToString(i.InstanceId))
	}
	if len(instances) != 2 {
		s.t.Fatalf("the group launched %v, want 2 instances", instances)
	}
	// Their root volumes carry the launch template's volume tags.
	roots, err := c.EC2.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{Filters: []ec2types.Filter{
		{Name: aws.String("attachment.instance-id"), Values: instances}}})
	s.must(err)
	for _, v := range roots.Volumes {
		add(driver.ResVolume, ltName, aws.ToString(v.VolumeId))
	}
	etcdName := "a.etcd-main." + cluster
	etcd, err := c.EC2.CreateVolume(ctx, &ec2.CreateVolumeInput{AvailabilityZone: aws.String(zoneA), Size: aws.Int32(20), VolumeType: ec2types.VolumeTypeGp3,
		TagSpecifications: tagSpec(ec2types.ResourceTypeVolume, owned(cluster, etcdName))})
	s.must(err)
	add(driver.ResVolume, etcdName, aws.ToString(etcd.VolumeId))
	_, err = c.EC2.AttachVolume(ctx, &ec2.AttachVolumeInput{VolumeId: etcd.VolumeId, InstanceId: aws.String(instances[0]), Device: aws.String("/dev/xvdu")})
	s.must(err)

	// Records in the public zone example.com, found by name.
	api := "api." + cluster
	s.changeRecords(d.zone,
		r53types.ResourceRecordSet{Name: aws.String(api), Type: r53types.RRTypeA, AliasTarget: &r53types.AliasTarget{
			DNSName: lb.LoadBalancers[0].DNSName, HostedZoneId: lb.LoadBalancers[0].CanonicalHostedZoneId}},
		aRecord("api.internal."+cluster, "172.20.32.10"),
		aRecord("kops-controller.internal."+cluster, "172.20.32.10"),
	)
	add(driver.ResRoute53Record, api, d.zone+"/A/"+api)
	add(driver.ResRoute53Record, "api.internal."+cluster, d.zone+"/A/api.internal."+cluster)
	add(driver.ResRoute53Record, "kops-controller.internal."+cluster, d.zone+"/A/kops-controller.internal."+cluster)
	// A private zone the cluster owns, with every record in it.
	private53, err := c.Route53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String(cluster), CallerReference: aws.String(cluster),
		HostedZoneConfig: &r53types.HostedZoneConfig{PrivateZone: true}, VPC: &r53types.VPC{VPCId: vpc, VPCRegion: r53types.VPCRegionUsEast1}})
	s.must(err)
	pz := strings.TrimPrefix(aws.ToString(private53.HostedZone.Id), "/hostedzone/")
	s.tagZone(pz, driver.OwnershipTags(cluster))
	add(driver.ResHostedZone, cluster, pz)
	s.changeRecords(pz, aRecord("api.internal."+cluster, "172.20.32.10"), aRecord("etcd-a.internal."+cluster, "172.20.32.10"))
	add(driver.ResRoute53Record, "api.internal."+cluster, pz+"/A/api.internal."+cluster)
	add(driver.ResRoute53Record, "etcd-a.internal."+cluster, pz+"/A/etcd-a.internal."+cluster)

	slices.Sort(want)
	return want
}

// wantSame fails with the lines only one side has.
func wantSame(t *testing.T, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	var b strings.Builder
	for _, l := range want {
		if !slices.Contains(got, l) {
			fmt.Fprintf(&b, "\n  missing: %s", l)
		}
	}
	for _, l := range got {
		if !slices.Contains(want, l) {
			fmt.Fprintf(&b, "\n  extra:   %s", l)
		}
	}
	t.Errorf("%s differ:%s", what, b.String())
}
