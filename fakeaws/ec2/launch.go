package ec2

import (
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/compute"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// launchReq is one RunInstances, from the API or a sibling service.
type launchReq struct {
	spec                launchSpec // the request's own parameters
	ltID, ltName, ltVer string     // the launch template, if any
	min, max            int
	clientToken         string
	extraTags           []Tag // added to the instance unchecked (aws:autoscaling:groupName)
}

// maxLaunch bounds the instances of one call.
const maxLaunch = 1000

// launched is what a launch made.
type launched struct {
	reservation string
	groups      []string
	instances   []*instance
	events      events
}

// placement is where a launch puts its instances.
type placement struct {
	sub    *subnet
	groups []string
	ni     niSpec
}

// launch runs the instances of req in one transaction.
func (s *Service) launch(tx *store.Tx, sc scope, req launchReq) (*launched, error) {
	if req.clientToken != "" {
		var ids []string
		if _, err := sc.bucket(tx, tokenKind).Get(req.clientToken, &ids); err != nil {
			return nil, err
		}
		var same []*instance
		for _, id := range ids {
			x, ok, err := instances.find(tx, sc, id)
			if err != nil {
				return nil, err
			}
			if ok {
				same = append(same, x)
			}
		}
		if len(same) > 0 {
			return &launched{reservation: same[0].ReservationID, groups: same[0].Groups, instances: same}, nil
		}
	}
	spec := req.spec
	var ref *ltRef
	if req.ltID != "" || req.ltName != "" {
		t, err := targetLT(tx, sc, req.ltID, req.ltName)
		if err != nil {
			return nil, err
		}
		n, err := resolveVersion(t, req.ltVer)
		if err != nil {
			return nil, err
		}
		v, ok, err := findVersion(tx, sc, t.ID, n)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, versionNotFound(t, n)
		}
		tspec, err := parseLaunchSpec(v.Data.params())
		if err != nil {
			return nil, err
		}
		spec = merge(tspec, spec)
		ref = &ltRef{ID: t.ID, Name: t.Name, Version: n}
	}
	if spec.ImageID == "" {
		return nil, missingParameter("ImageId")
	}
	if !validID("ami", spec.ImageID) {
		return nil, awsapi.BadRequest("InvalidAMIID.Malformed", "Invalid id: \"%s\" (expecting \"ami-...\")", spec.ImageID)
	}
	img, ok := lookupImage(sc.region, spec.ImageID)
	if !ok {
		return nil, invalidAMI([]string{spec.ImageID})
	}
	if spec.InstanceType == "" {
		spec.InstanceType = "m1.small"
	}
	it, ok := instanceTypeInfo(spec.InstanceType)
	if !ok {
		return nil, invalidParameterValue("Invalid value '%s' for InstanceType.", spec.InstanceType)
	}
	archOK := false
	for _, a := range archOf(it) {
		archOK = archOK || a == img.Architecture
	}
	if !archOK {
		return nil, invalidParameterValue("The architecture '%s' of the specified instance type does not match the architecture '%s' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again.", archOf(it)[0], img.Architecture)
	}
	pl, err := s.placementOf(tx, sc, spec)
	if err != nil {
		return nil, err
	}
	if !offered(pl.sub.AZ, spec.InstanceType) {
		return nil, awsapi.BadRequest("Unsupported", "Your requested instance type (%s) is not supported in your requested Availability Zone (%s). Please retry your request by not specifying an Availability Zone or choosing another Availability Zone.", spec.InstanceType, pl.sub.AZ)
	}
	if spec.KeyName != "" {
		if _, ok, err := keyPairByName(tx, sc, spec.KeyName); err != nil || !ok {
			if err == nil {
				err = keyPairNotFound(spec.KeyName)
			}
			return nil, err
		}
	}
	iamArn := spec.IamArn
	if iamArn == "" && spec.IamName != "" {
		iamArn = "arn:aws:iam::" + sc.account + ":instance-profile/" + spec.IamName
	}
	count := req.max
	if free := pl.sub.available(); count > free {
		count = free
	}
	count = min(count, maxLaunch)
	if count < req.min || count < 1 {
		if req.min > maxLaunch {
			return nil, awsapi.BadRequest("InstanceLimitExceeded", "You have requested more instances (%d) than your current instance limit of %d allows.", req.min, maxLaunch)
		}
		return nil, awsapi.BadRequest("InsufficientFreeAddressesInSubnet", "There are not enough free addresses in subnet '%s' to satisfy the requested number of instances.", pl.sub.ID)
	}
	if (pl.ni.PrivateIP != "") && count > 1 {
		return nil, invalidParameterCombination("Cannot specify private IP address when launching more than one instance")
	}
	out := &launched{reservation: s.newID("r"), groups: pl.groups}
	iamID := ""
	if iamArn != "" {
		iamID = "AIPA" + s.env.IDs.Upper(17)
	}
	for i := 0; i < count; i++ {
		x := &instance{
			base: base{ID: s.newID("i")}, OwnerID: sc.account, ReservationID: out.reservation, LaunchIndex: i,
			ImageID: img.ImageID, InstanceType: spec.InstanceType, KeyName: spec.KeyName, UserData: spec.UserData,
			AZ: pl.sub.AZ, AZID: pl.sub.AZID, Tenancy: orDefault(spec.Tenancy, "default"), SubnetID: pl.sub.ID,
			VpcID: pl.sub.VpcID, Groups: pl.groups, IamArn: iamArn, IamID: iamID, RootDevice: img.RootDeviceName,
			LaunchTime: sc.now, ShutdownBehavior: orDefault(spec.ShutdownBehavior, "stop"),
			DisableAPITermination: deref(spec.DisableAPITermination), DisableAPIStop: deref(spec.DisableAPIStop),
			EbsOptimized: deref(spec.EbsOptimized), Monitoring: deref(spec.Monitoring), CPUCredits: spec.CPUCredits,
			Spot: spec.MarketType == "spot", Architecture: img.Architecture, PlatformDetails: img.PlatformDetails,
			BootMode: img.BootMode, LaunchTemplate: ref, ClientToken: req.clientToken,
			Metadata: metadataOpts{
				HTTPTokens: orDefault(spec.HTTPTokens, "optional"), HTTPEndpoint: orDefault(spec.HTTPEndpoint, "enabled"),
				HopLimit: spec.HopLimit, Tags: orDefault(spec.MetadataTags, "disabled"),
			},
		}
		if x.Metadata.HopLimit == 0 {
			x.Metadata.HopLimit = 1
		}
		x.Tags = mergeTags(spec.Tags["instance"], req.extraTags)
		if ref != nil {
			x.Tags = mergeTags(x.Tags, []Tag{{"aws:ec2launchtemplate:id", ref.ID}, {"aws:ec2launchtemplate:version", strconv.FormatInt(ref.Version, 10)}})
		}
		if err := s.attachPrimaryENI(tx, sc, x, pl, spec.Tags["network-interface"], i == 0); err != nil {
			return nil, err
		}
		if err := s.createDevices(tx, sc, x, img, spec); err != nil {
			return nil, err
		}
		x.setState(statePending, sc.now)
		x.BootAt = sc.now.Add(s.cfg.InstanceBootDelay)
		if err := s.schedule(tx, sc, x.BootAt, evInstanceBoot, x.ID); err != nil {
			return nil, err
		}
		if err := instances.put(tx, sc, x); err != nil {
			return nil, err
		}
		out.instances = append(out.instances, x)
		out.events.add(compute.Launched, x.computeInstance(sc))
	}
	if req.clientToken != "" {
		ids := make([]string, len(out.instances))
		for i, x := range out.instances {
			ids[i] = x.ID
		}
		if err := sc.bucket(tx, tokenKind).Put(req.clientToken, ids); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// tokenKind maps RunInstances' client tokens to the instances they
// launched. Entries outlive their instances, whose IDs are not reused.
const tokenKind = "instance-tokens"

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func deref(b *bool) bool { return b != nil && *b }
