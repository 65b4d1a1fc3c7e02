package ec2_test

import (
	"encoding/base64"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/compute"
)

func TestInstanceLifecycle(t *testing.T) {
	rec := newRecorder(compute.Status{})
	h := start(t, computeCfg, fakeaws.WithRuntime(rec))
	n := h.network(t)
	ami := h.ami(t)
	userData := "#cloud-config\nhostname: node-1\n"
	out := must[*ec2.RunInstancesOutput](t)(h.ec2.RunInstances(ctx, &ec2.RunInstancesInput{
		ImageId: aws.String(ami), InstanceType: types.InstanceTypeT3Micro, MinCount: aws.Int32(1), MaxCount: aws.Int32(1),
		SubnetId: aws.String(n.subnet), UserData: aws.String(base64.StdEncoding.EncodeToString([]byte(userData))),
		TagSpecifications: append(tagSpec(types.ResourceTypeInstance, "Name", "node-1"), tagSpec(types.ResourceTypeVolume, "kind", "root")...),
	}))
	if !validRes(aws.ToString(out.ReservationId)) || aws.ToString(out.OwnerId) != account || len(out.Instances) != 1 {
		t.Fatalf("reservation %+v", out)
	}
	x := out.Instances[0]
	id := aws.ToString(x.InstanceId)
	if x.State.Name != types.InstanceStateNamePending || aws.ToInt32(x.State.Code) != 0 ||
		aws.ToString(x.PrivateIpAddress) != "10.0.1.4" || aws.ToString(x.SubnetId) != n.subnet ||
		aws.ToString(x.VpcId) != n.vpc || aws.ToString(x.Placement.AvailabilityZone) != "us-east-1a" ||
		len(x.NetworkInterfaces) != 1 || len(x.BlockDeviceMappings) != 1 || len(x.SecurityGroups) != 1 ||
		aws.ToString(x.SecurityGroups[0].GroupName) != "default" || tagMap(x.Tags)["Name"] != "node-1" ||
		!aws.ToTime(x.LaunchTime).Equal(epoch) || aws.ToString(x.PrivateDnsName) != "ip-10-0-1-4.ec2.internal" {
		t.Fatalf("launched instance %+v", x)
	}
	vol := aws.ToString(x.BlockDeviceMappings[0].Ebs.VolumeId)
	vols := must[*ec2.DescribeVolumesOutput](t)(h.ec2.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{VolumeIds: []string{vol}})).Volumes
	if len(vols) != 1 || vols[0].State != types.VolumeStateInUse || tagMap(vols[0].Tags)["kind"] != "root" ||
		aws.ToString(vols[0].Attachments[0].InstanceId) != id || !aws.ToBool(vols[0].Attachments[0].DeleteOnTermination) {
		t.Fatalf("root volume %+v", vols)
	}
	ud := must[*ec2.DescribeInstanceAttributeOutput](t)(h.ec2.DescribeInstanceAttribute(ctx, &ec2.DescribeInstanceAttributeInput{
		InstanceId: aws.String(id), Attribute: types.InstanceAttributeNameUserData,
	}))
	if raw, _ := base64.StdEncoding.DecodeString(aws.ToString(ud.UserData.Value)); string(raw) != userData {
		t.Fatalf("userData attribute %q", aws.ToString(ud.UserData.Value))
	}

	steps := []struct {
		name string
		act  func()
		step time.Duration
		want types.InstanceStateName
	}{
		{"still booting", nil, 19 * time.Second, types.InstanceStateNamePending},
		{"booted", nil, time.Second, types.InstanceStateNameRunning},
		{"stop", func() {
			must[*ec2.StopInstancesOutput](t)(h.ec2.StopInstances(ctx, &ec2.StopInstancesInput{InstanceIds: []string{id}}))
		}, 0, types.InstanceStateNameStopping},
		{"stopped", nil, 30 * time.Second, types.InstanceStateNameStopped},
		{"start", func() {
			must[*ec2.StartInstancesOutput](t)(h.ec2.StartInstances(ctx, &ec2.StartInstancesInput{InstanceIds: []string{id}}))
		}, 0, types.InstanceStateNamePending},
		{"running again", nil, 20 * time.Second, types.InstanceStateNameRunning},
		{"terminate", func() {
			out := must[*ec2.TerminateInstancesOutput](t)(h.ec2.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{id}}))
			c := out.TerminatingInstances[0]
			if c.PreviousState.Name != types.InstanceStateNameRunning || c.CurrentState.Name != types.InstanceStateNameShuttingDown {
				t.Fatalf("terminate state change %+v → %+v", c.PreviousState, c.CurrentState)
			}
		}, 0, types.InstanceStateNameShuttingDown},
		{"terminated", nil, 40 * time.Second, types.InstanceStateNameTerminated},
		{"still visible", nil, 59 * time.Minute, types.InstanceStateNameTerminated},
	}
	for _, s := range steps {
		if s.act != nil {
			s.act()
		}
		h.clk.Step(s.step)
		if got := h.state(t, id); got != s.want {
			t.Fatalf("%s: state %s, want %s", s.name, got, s.want)
		}
	}
	// Terminated: the root volume and the interface are gone.
	_, err := h.ec2.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{VolumeIds: []string{vol}})
	wantErr(t, err, "InvalidVolume.NotFound", vol)
	enis := must[*ec2.DescribeNetworkInterfacesOutput](t)(h.ec2.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{}))
	if len(enis.NetworkInterfaces) != 0 {
		t.Fatalf("interfaces left after termination: %d", len(enis.NetworkInterfaces))
	}
	h.clk.Step(time.Minute)
	_, err = h.ec2.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{id}})
	wantErr(t, err, "InvalidInstanceID.NotFound", id)

	want := []compute.EventKind{compute.Launched, compute.Stopped, compute.Started, compute.Terminated}
	if got := rec.kinds(); !slices.Equal(got, want) {
		t.Fatalf("runtime events %v, want %v", got, want)
	}
	ev := rec.events[0].Instance
	if ev.ID != id || ev.Account != account || ev.Region != "us-east-1" || ev.AvailabilityZone != "us-east-1a" ||
		ev.SubnetID != n.subnet || ev.VpcID != n.vpc || ev.PrivateIP.String() != "10.0.1.4" || ev.InstanceType != "t3.micro" ||
		ev.ImageID != ami || ev.Tags["Name"] != "node-1" || string(ev.UserData) != userData || !ev.LaunchTime.Equal(epoch) {
		t.Fatalf("Launched event %+v", ev)
	}
}

func validRes(id string) bool { return len(id) == 19 && id[:2] == "r-" }

func TestRuntimeGatesBoot(t *testing.T) {
	rec := newRecorder(compute.Status{Known: true, Up: false})
	h := start(t, computeCfg, fakeaws.WithRuntime(rec))
	n := h.network(t)
	id := aws.ToString(h.run(t, n.subnet, h.ami(t), 1)[0].InstanceId)
	h.clk.Step(time.Hour)
	if got := h.state(t, id); got != types.InstanceStateNamePending {
		t.Fatalf("runtime not up: state %s, want pending", got)
	}
	rec.set(id, compute.Status{Known: true, Up: true, Healthy: false})
	if got := h.state(t, id); got != types.InstanceStateNameRunning {
		t.Fatalf("runtime up: state %s, want running", got)
	}
	h.clk.Step(time.Minute)
	st := must[*ec2.DescribeInstanceStatusOutput](t)(h.ec2.DescribeInstanceStatus(ctx, &ec2.DescribeInstanceStatusInput{InstanceIds: []string{id}}))
	if len(st.InstanceStatuses) != 1 || st.InstanceStatuses[0].InstanceStatus.Status != types.SummaryStatusImpaired {
		t.Fatalf("unhealthy instance status %+v", st.InstanceStatuses)
	}
	rec.set(id, compute.Status{Known: true, Up: true, Healthy: true})
	st = must[*ec2.DescribeInstanceStatusOutput](t)(h.ec2.DescribeInstanceStatus(ctx, &ec2.DescribeInstanceStatusInput{
		Filters: []types.Filter{filter("instance-status.status", "ok")},
	}))
	if len(st.InstanceStatuses) != 1 || st.InstanceStatuses[0].SystemStatus.Status != types.SummaryStatusOk {
		t.Fatalf("healthy instance status %+v", st.InstanceStatuses)
	}
}

func TestInstanceStatus(t *testing.T) {
	h := start(t, computeCfg)
	n := h.network(t)
	id := aws.ToString(h.run(t, n.subnet, h.ami(t), 1)[0].InstanceId)
	st := must[*ec2.DescribeInstanceStatusOutput](t)(h.ec2.DescribeInstanceStatus(ctx, &ec2.DescribeInstanceStatusInput{}))
	if len(st.InstanceStatuses) != 0 {
		t.Fatalf("pending instance listed without IncludeAllInstances: %+v", st.InstanceStatuses)
	}
	st = must[*ec2.DescribeInstanceStatusOutput](t)(h.ec2.DescribeInstanceStatus(ctx, &ec2.DescribeInstanceStatusInput{IncludeAllInstances: aws.Bool(true)}))
	if len(st.InstanceStatuses) != 1 || st.InstanceStatuses[0].InstanceState.Name != types.InstanceStateNamePending {
		t.Fatalf("IncludeAllInstances %+v", st.InstanceStatuses)
	}
	for _, c := range []struct {
		step time.Duration
		want types.SummaryStatus
	}{{20 * time.Second, types.SummaryStatusInitializing}, {20 * time.Second, types.SummaryStatusOk}} {
		h.clk.Step(c.step)
		st = must[*ec2.DescribeInstanceStatusOutput](t)(h.ec2.DescribeInstanceStatus(ctx, &ec2.DescribeInstanceStatusInput{InstanceIds: []string{id}}))
		if len(st.InstanceStatuses) != 1 || st.InstanceStatuses[0].InstanceStatus.Status != c.want {
			t.Fatalf("status %+v, want %s", st.InstanceStatuses, c.want)
		}
	}
}

func TestRunInstancesErrors(t *testing.T) {
	h := start(t, computeCfg)
	n := h.network(t)
	ami := h.ami(t)
	other := h.createVpc(t, h.ec2, "10.1.0.0/16")
	otherSG := must[*ec2.CreateSecurityGroupOutput](t)(h.ec2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String("x"), Description: aws.String("x"), VpcId: other.VpcId,
	}))
	limited := h.createSubnet(t, h.ec2, n.vpc, "10.0.9.0/24", "us-east-1e")
	arm := must[*ec2.DescribeImagesOutput](t)(h.ec2.DescribeImages(ctx, &ec2.DescribeImagesInput{
		Owners: []string{"amazon"}, Filters: []types.Filter{filter("architecture", "arm64")},
	})).Images[0].ImageId
	base := func(mod func(in *ec2.RunInstancesInput)) *ec2.RunInstancesInput {
		in := &ec2.RunInstancesInput{ImageId: aws.String(ami), InstanceType: types.InstanceTypeT3Micro,
			MinCount: aws.Int32(1), MaxCount: aws.Int32(1), SubnetId: aws.String(n.subnet)}
		mod(in)
		return in
	}
	cases := []struct {
		name, code string
		in         *ec2.RunInstancesInput
	}{
		{"unknown AMI", "InvalidAMIID.NotFound", base(func(in *ec2.RunInstancesInput) { in.ImageId = aws.String("ami-0123456789abcdef0") })},
		{"malformed AMI", "InvalidAMIID.Malformed", base(func(in *ec2.RunInstancesInput) { in.ImageId = aws.String("ami-zz") })},
		{"unknown type", "InvalidParameterValue", base(func(in *ec2.RunInstancesInput) { in.InstanceType = "t9.huge" })},
		{"arch mismatch", "InvalidParameterValue", base(func(in *ec2.RunInstancesInput) { in.ImageId = arm })},
		{"not offered", "Unsupported", base(func(in *ec2.RunInstancesInput) {
			in.SubnetId, in.InstanceType = limited.SubnetId, types.InstanceTypeM7iLarge
		})},
		{"no subnet", "VPCIdNotSpecified", base(func(in *ec2.RunInstancesInput) { in.SubnetId = nil })},
		{"unknown subnet", "InvalidSubnetID.NotFound", base(func(in *ec2.RunInstancesInput) { in.SubnetId = aws.String("subnet-0123456789abcdef0") })},
		{"unknown group", "InvalidGroup.NotFound", base(func(in *ec2.RunInstancesInput) { in.SecurityGroupIds = []string{"sg-0123456789abcdef0"} })},
		{"group of another VPC", "InvalidParameter", base(func(in *ec2.RunInstancesInput) { in.SecurityGroupIds = []string{aws.ToString(otherSG.GroupId)} })},
		{"unknown key", "InvalidKeyPair.NotFound", base(func(in *ec2.RunInstancesInput) { in.KeyName = aws.String("nope") })},
		{"bad user data", "InvalidParameterValue", base(func(in *ec2.RunInstancesInput) { in.UserData = aws.String("%%%") })},
		{"min > max", "InvalidParameterValue", base(func(in *ec2.RunInstancesInput) { in.MinCount = aws.Int32(3) })},
		{"IP outside subnet", "InvalidParameterValue", base(func(in *ec2.RunInstancesInput) { in.PrivateIpAddress = aws.String("10.0.2.5") })},
		{"dry run", "DryRunOperation", base(func(in *ec2.RunInstancesInput) { in.DryRun = aws.Bool(true) })},
		{"unknown template", "InvalidLaunchTemplateId.NotFound", base(func(in *ec2.RunInstancesInput) {
			in.LaunchTemplate = &types.LaunchTemplateSpecification{LaunchTemplateId: aws.String("lt-0123456789abcdef0")}
		})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := h.ec2.RunInstances(ctx, c.in)
			wantErr(t, err, c.code, "")
		})
	}
	// None of the failures kept an address.
	got := h.run(t, n.subnet, ami, 1)
	if ip := aws.ToString(got[0].PrivateIpAddress); ip != "10.0.1.4" {
		t.Fatalf("first instance after failures at %s", ip)
	}
	_, err := h.ec2.RunInstances(ctx, base(func(in *ec2.RunInstancesInput) { in.PrivateIpAddress = aws.String("10.0.1.4") }))
	wantErr(t, err, "InvalidIPAddress.InUse", "10.0.1.4")
}

func TestRunInstancesOptions(t *testing.T) {
	h := start(t, computeCfg)
	n := h.network(t)
	must[*ec2.ModifySubnetAttributeOutput](t)(h.ec2.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{
		SubnetId: aws.String(n.subnet), MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(true)},
	}))
	must[*ec2.ImportKeyPairOutput](t)(h.ec2.ImportKeyPair(ctx, &ec2.ImportKeyPairInput{
		KeyName: aws.String("k"), PublicKeyMaterial: []byte(testSSHKey),
	}))
	sg := h.createGroup(t, n.vpc, "nodes")
	out := must[*ec2.RunInstancesOutput](t)(h.ec2.RunInstances(ctx, &ec2.RunInstancesInput{
		ImageId: aws.String(h.ami(t)), InstanceType: types.InstanceTypeM5Large, MinCount: aws.Int32(1), MaxCount: aws.Int32(1),
		SubnetId: aws.String(n.subnet), PrivateIpAddress: aws.String("10.0.1.50"), KeyName: aws.String("k"),
		SecurityGroupIds: []string{sg}, ClientToken: aws.String("tok-1"),
		IamInstanceProfile: &types.IamInstanceProfileSpecification{Name: aws.String("nodes")},
		BlockDeviceMappings: []types.BlockDeviceMapping{
			{DeviceName: aws.String("/dev/xvda"), Ebs: &types.EbsBlockDevice{VolumeSize: aws.Int32(50), VolumeType: types.VolumeTypeGp3}},
			{DeviceName: aws.String("/dev/sdf"), Ebs: &types.EbsBlockDevice{VolumeSize: aws.Int32(100), DeleteOnTermination: aws.Bool(false)}},
		},
	}))
	x := out.Instances[0]
	if aws.ToString(x.PrivateIpAddress) != "10.0.1.50" || aws.ToString(x.PublicIpAddress) == "" || aws.ToString(x.KeyName) != "k" ||
		aws.ToString(x.SecurityGroups[0].GroupId) != sg || aws.ToString(x.IamInstanceProfile.Arn) != "arn:aws:iam::"+account+":instance-profile/nodes" ||
		len(x.BlockDeviceMappings) != 2 || aws.ToString(x.ClientToken) != "tok-1" {
		t.Fatalf("instance %+v", x)
	}
	// The same client token returns the same instance.
	again := must[*ec2.RunInstancesOutput](t)(h.ec2.RunInstances(ctx, &ec2.RunInstancesInput{
		ImageId: aws.String(h.ami(t)), InstanceType: types.InstanceTypeM5Large, MinCount: aws.Int32(1), MaxCount: aws.Int32(1),
		SubnetId: aws.String(n.subnet), ClientToken: aws.String("tok-1"),
	}))
	if aws.ToString(again.Instances[0].InstanceId) != aws.ToString(x.InstanceId) {
		t.Fatalf("client token launched %s again", aws.ToString(again.Instances[0].InstanceId))
	}
	vols := must[*ec2.DescribeVolumesOutput](t)(h.ec2.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{
		Filters: []types.Filter{filter("attachment.instance-id", aws.ToString(x.InstanceId))},
	})).Volumes
	sizes := map[int32]types.VolumeType{}
	for _, v := range vols {
		sizes[aws.ToInt32(v.Size)] = v.VolumeType
	}
	if len(vols) != 2 || sizes[50] != types.VolumeTypeGp3 || sizes[100] != types.VolumeTypeGp2 {
		t.Fatalf("volumes %v", sizes)
	}
	// Stopping releases the public address; starting takes a new one.
	h.clk.Step(time.Minute)
	must[*ec2.StopInstancesOutput](t)(h.ec2.StopInstances(ctx, &ec2.StopInstancesInput{InstanceIds: []string{aws.ToString(x.InstanceId)}}))
	if ip := h.instance(t, aws.ToString(x.InstanceId)).PublicIpAddress; ip != nil {
		t.Fatalf("stopping instance kept public IP %s", *ip)
	}
	// Terminating keeps the volume that is not deleted on termination.
	must[*ec2.TerminateInstancesOutput](t)(h.ec2.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{aws.ToString(x.InstanceId)}}))
	h.clk.Step(time.Minute)
	vols = must[*ec2.DescribeVolumesOutput](t)(h.ec2.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{})).Volumes
	if len(vols) != 1 || aws.ToInt32(vols[0].Size) != 100 || vols[0].State != types.VolumeStateAvailable {
		t.Fatalf("volumes after termination %+v", vols)
	}
}

const testSSHKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test"

func TestStopTerminateRules(t *testing.T) {
	h := start(t, computeCfg)
	n := h.network(t)
	id := aws.ToString(h.run(t, n.subnet, h.ami(t), 1)[0].InstanceId)
	_, err := h.ec2.StopInstances(ctx, &ec2.StopInstancesInput{InstanceIds: []string{id}})
	wantErr(t, err, "IncorrectInstanceState", id)
	h.clk.Step(time.Minute)
	_, err = h.ec2.ModifyInstanceAttribute(ctx, &ec2.ModifyInstanceAttributeInput{InstanceId: aws.String(id), InstanceType: &types.AttributeValue{Value: aws.String("t3.large")}})
	wantErr(t, err, "IncorrectInstanceState", id)
	must[*ec2.ModifyInstanceAttributeOutput](t)(h.ec2.ModifyInstanceAttribute(ctx, &ec2.ModifyInstanceAttributeInput{
		InstanceId: aws.String(id), DisableApiTermination: &types.AttributeBooleanValue{Value: aws.Bool(true)},
	}))
	_, err = h.ec2.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{id}})
	wantErr(t, err, "OperationNotPermitted", id)
	must[*ec2.ModifyInstanceAttributeOutput](t)(h.ec2.ModifyInstanceAttribute(ctx, &ec2.ModifyInstanceAttributeInput{
		InstanceId: aws.String(id), SourceDestCheck: &types.AttributeBooleanValue{Value: aws.Bool(false)},
	}))
	if x := h.instance(t, id); aws.ToBool(x.SourceDestCheck) {
		t.Fatal("SourceDestCheck still true")
	}
	must[*ec2.StopInstancesOutput](t)(h.ec2.StopInstances(ctx, &ec2.StopInstancesInput{InstanceIds: []string{id}}))
	h.clk.Step(time.Minute)
	must[*ec2.ModifyInstanceAttributeOutput](t)(h.ec2.ModifyInstanceAttribute(ctx, &ec2.ModifyInstanceAttributeInput{
		InstanceId: aws.String(id), InstanceType: &types.AttributeValue{Value: aws.String("t3.large")},
	}))
	for attr, want := range map[types.InstanceAttributeName]string{
		types.InstanceAttributeNameInstanceType:                      "t3.large",
		types.InstanceAttributeNameInstanceInitiatedShutdownBehavior: "stop",
	} {
		out := must[*ec2.DescribeInstanceAttributeOutput](t)(h.ec2.DescribeInstanceAttribute(ctx, &ec2.DescribeInstanceAttributeInput{InstanceId: aws.String(id), Attribute: attr}))
		got := ""
		if out.InstanceType != nil {
			got = aws.ToString(out.InstanceType.Value)
		}
		if out.InstanceInitiatedShutdownBehavior != nil {
			got = aws.ToString(out.InstanceInitiatedShutdownBehavior.Value)
		}
		if got != want {
			t.Fatalf("%s = %q, want %q", attr, got, want)
		}
	}
	dat := must[*ec2.DescribeInstanceAttributeOutput](t)(h.ec2.DescribeInstanceAttribute(ctx, &ec2.DescribeInstanceAttributeInput{InstanceId: aws.String(id), Attribute: types.InstanceAttributeNameDisableApiTermination}))
	if !aws.ToBool(dat.DisableApiTermination.Value) {
		t.Fatal("disableApiTermination not reported")
	}
	_, err = h.ec2.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{"i-zz"}})
	wantErr(t, err, "InvalidInstanceID.Malformed", "i-zz")
	_, err = h.ec2.RebootInstances(ctx, &ec2.RebootInstancesInput{InstanceIds: []string{"i-0123456789abcdef0"}})
	wantErr(t, err, "InvalidInstanceID.NotFound", "")
}
