package ec2

import (
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Volume states and the timer events that move volumes.
const (
	volCreating  = "creating"
	volAvailable = "available"
	volInUse     = "in-use"

	attAttaching = "attaching"
	attAttached  = "attached"
	attDetaching = "detaching"

	evVolumeReady    = "volume-ready"
	evVolumeAttached = "volume-attached"
	evVolumeDetached = "volume-detached"
	evVolumeModified = "volume-modified"
)

// volume is an EBS volume.
type volume struct {
	base
	OwnerID      string              `json:"owner"`
	AZ           string              `json:"az"`
	AZID         string              `json:"azId"`
	Size         int                 `json:"size"`
	Type         string              `json:"type"`
	Iops         int                 `json:"iops,omitempty"`
	Throughput   int                 `json:"throughput,omitempty"`
	Encrypted    bool                `json:"encrypted,omitempty"`
	KmsKeyID     string              `json:"kmsKeyId,omitempty"`
	SnapshotID   string              `json:"snapshot,omitempty"`
	State        string              `json:"state"`
	Created      time.Time           `json:"created"`
	Attachment   *volumeAttachment   `json:"attachment,omitempty"`
	Modification *volumeModification `json:"modification,omitempty"`
}

type volumeAttachment struct {
	InstanceID          string    `json:"instance"`
	Device              string    `json:"device"`
	State               string    `json:"state"`
	AttachTime          time.Time `json:"attachTime"`
	DeleteOnTermination bool      `json:"deleteOnTermination"`
}

var volumes = &table[volume, *volume]{
	kind: "volumes", prefix: "vol", resourceType: "volume", noun: "volume",
	notFoundCode: "InvalidVolume.NotFound", malformedCode: "InvalidVolumeID.Malformed",
	missing: func(ids []string) string {
		if len(ids) == 1 {
			return "The volume '" + ids[0] + "' does not exist."
		}
		return "The volumes '" + joinIDs(ids) + "' do not exist."
	},
}

// volumeRule is what a volume type allows.
type volumeRule struct {
	minSize, maxSize int
	minIops, maxIops int // 0: the type takes no Iops
	iopsPerGiB       int
	defaultIops      int // gp3's baseline
	throughput       bool
}

var volumeRules = map[string]volumeRule{
	"gp2":      {minSize: 1, maxSize: 16384},
	"gp3":      {minSize: 1, maxSize: 16384, minIops: 3000, maxIops: 16000, iopsPerGiB: 500, defaultIops: 3000, throughput: true},
	"io1":      {minSize: 4, maxSize: 16384, minIops: 100, maxIops: 64000, iopsPerGiB: 50},
	"io2":      {minSize: 4, maxSize: 65536, minIops: 100, maxIops: 256000, iopsPerGiB: 1000},
	"st1":      {minSize: 125, maxSize: 16384},
	"sc1":      {minSize: 125, maxSize: 16384},
	"standard": {minSize: 1, maxSize: 1024},
}

// volumeSpec is a volume to make, as CreateVolume, ModifyVolume and
// block device mappings ask for it.
type volumeSpec struct {
	Size, Iops, Throughput int
	Type                   string
}

// check applies the type's rules and fills in its defaults.
func (v *volumeSpec) check() error {
	if v.Type == "" {
		v.Type = "gp2"
	}
	rule, ok := volumeRules[v.Type]
	if !ok {
		return invalidParameterValue("Value (%s) for parameter volumeType is invalid. Valid values: standard, io1, io2, gp2, sc1, st1, gp3", v.Type)
	}
	switch {
	case v.Size < rule.minSize:
		return invalidParameterValue("The parameter size must be at least %d GiB for %s volumes.", rule.minSize, v.Type)
	case v.Size > rule.maxSize:
		return invalidParameterValue("Volume of %dGiB is too large for %s volumes; maximum is %dGiB.", v.Size, v.Type, rule.maxSize)
	}
	if rule.maxIops == 0 && v.Iops != 0 {
		return invalidParameterCombination("The parameter iops is not supported for %s volumes.", v.Type)
	}
	if !rule.throughput && v.Throughput != 0 {
		return invalidParameterCombination("The parameter throughput is not supported for %s volumes.", v.Type)
	}
	if rule.maxIops > 0 {
		if v.Iops == 0 {
			if rule.defaultIops == 0 {
				return missingParameter("Iops")
			}
			v.Iops = rule.defaultIops
		}
		if v.Iops < rule.minIops || v.Iops > rule.maxIops {
			return invalidParameterValue("Volume iops of %d is outside the range %d-%d for %s volumes.", v.Iops, rule.minIops, rule.maxIops, v.Type)
		}
		if v.Iops > rule.iopsPerGiB*v.Size && v.Iops > rule.minIops {
			return invalidParameterValue("Iops to volume size ratio of %d is too high; maximum is %d.", v.Iops/v.Size, rule.iopsPerGiB)
		}
	}
	if rule.throughput {
		if v.Throughput == 0 {
			v.Throughput = 125
		}
		if v.Throughput < 125 || v.Throughput > 1000 {
			return invalidParameterValue("Throughput of %d MiB/s is outside the range 125-1000 for gp3 volumes.", v.Throughput)
		}
	}
	return nil
}

// reportedIops is the Iops a volume reports: gp2's scale with size.
func (x *volume) reportedIops() int {
	if x.Type == "gp2" {
		return min(max(3*x.Size, 100), 16000)
	}
	return x.Iops
}

// newVolume makes a volume in zone z from spec (already checked).
func (s *Service) newVolume(sc scope, z zoneInfo, spec volumeSpec, encrypted bool, tags []Tag) *volume {
	return &volume{
		base: base{ID: s.newID("vol"), Tags: tags}, OwnerID: sc.account, AZ: z.name, AZID: z.id,
		Size: spec.Size, Type: spec.Type, Iops: spec.Iops, Throughput: spec.Throughput, Encrypted: encrypted,
		State: volCreating, Created: sc.now,
	}
}

func joinIDs(ids []string) string {
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += ", "
		}
		out += id
	}
	return out
}

// zoneByName finds a zone of the scope's region by name or ID.
func zoneByName(sc scope, name, id string) (zoneInfo, bool) {
	reg, _ := regionByName(sc.region)
	for _, z := range reg.zones {
		if (name != "" && z.name == name) || (name == "" && id != "" && z.id == id) {
			return z, true
		}
	}
	return zoneInfo{}, false
}

func (s *Service) createVolume(r *awsapi.Request, p awsapi.Params) (any, error) {
	az, azID := p.Get("AvailabilityZone"), p.Get("AvailabilityZoneId")
	if az == "" && azID == "" {
		return nil, missingParameter("AvailabilityZone")
	}
	spec := volumeSpec{Type: p.Get("VolumeType")}
	var err error
	for _, f := range []struct {
		name string
		dst  *int
	}{{"Size", &spec.Size}, {"Iops", &spec.Iops}, {"Throughput", &spec.Throughput}} {
		if *f.dst, err = optInt(p, f.name); err != nil {
			return nil, err
		}
	}
	if spec.Size == 0 {
		if p.Get("SnapshotId") == "" {
			return nil, missingParameter("Size")
		}
		spec.Size = 8
	}
	if err := spec.check(); err != nil {
		return nil, err
	}
	encrypted, err := boolParam(p, "Encrypted", false)
	if err != nil {
		return nil, err
	}
	tags, err := tagSpecs(p, "volume")
	if err != nil {
		return nil, err
	}
	var (
		v  *volume
		sc scope
	)
	err = s.update(r, func(tx *store.Tx, tsc scope) error {
		sc = tsc
		z, ok := zoneByName(sc, az, azID)
		if !ok {
			return invalidParameterValue("Invalid availability zone: [%s]", az+azID)
		}
		v = s.newVolume(sc, z, spec, encrypted, tags)
		v.SnapshotID, v.KmsKeyID = p.Get("SnapshotId"), p.Get("KmsKeyId")
		if err := s.schedule(tx, sc, sc.now.Add(s.cfg.VolumeDelay), evVolumeReady, v.ID); err != nil {
			return err
		}
		return volumes.put(tx, sc, v)
	})
	if err != nil {
		return nil, err
	}
	x := v.xml(sc)
	return volumeResult{x}, nil
}

// volumeResult is CreateVolume's answer: the volume's fields at the top.
type volumeResult struct {
	volumeXML
}

func (s *Service) volumeReady(tx *store.Tx, sc scope, id string, _ time.Time) error {
	v, ok, err := volumes.find(tx, sc, id)
	if err != nil || !ok || v.State != volCreating {
		return err
	}
	v.State = volAvailable
	return volumes.put(tx, sc, v)
}

func (s *Service) deleteVolume(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "VolumeId")
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		v, err := volumes.get(tx, sc, id)
		if err != nil {
			return err
		}
		if v.Attachment != nil {
			return awsapi.BadRequest("VolumeInUse", "Volume %s is currently attached to %s", id, v.Attachment.InstanceID)
		}
		if v.State == volCreating {
			return awsapi.BadRequest("IncorrectState", "The volume '%s' is 'creating'", id)
		}
		return volumes.remove(tx, sc, id)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}
