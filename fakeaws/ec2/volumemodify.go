package ec2

import (
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// volumeModification is a volume's last ModifyVolume: the volume takes
// the target at once, and the modification completes after VolumeDelay.
type volumeModification struct {
	State    string     `json:"state"` // modifying | completed
	Original volumeSpec `json:"original"`
	Target   volumeSpec `json:"target"`
	Start    time.Time  `json:"start"`
	End      time.Time  `json:"end,omitempty"`
}

type volumeModificationXML struct {
	VolumeID           string `xml:"volumeId"`
	State              string `xml:"modificationState"`
	TargetSize         int    `xml:"targetSize"`
	TargetIops         int    `xml:"targetIops,omitempty"`
	TargetType         string `xml:"targetVolumeType"`
	TargetThroughput   int    `xml:"targetThroughput,omitempty"`
	OriginalSize       int    `xml:"originalSize"`
	OriginalIops       int    `xml:"originalIops,omitempty"`
	OriginalType       string `xml:"originalVolumeType"`
	OriginalThroughput int    `xml:"originalThroughput,omitempty"`
	Progress           int    `xml:"progress"`
	Start              string `xml:"startTime"`
	End                string `xml:"endTime,omitempty"`
}

func (x *volume) modificationXML() volumeModificationXML {
	m := x.Modification
	progress := 0
	if m.State == "completed" {
		progress = 100
	}
	return volumeModificationXML{
		VolumeID: x.ID, State: m.State, TargetSize: m.Target.Size, TargetIops: m.Target.Iops,
		TargetType: m.Target.Type, TargetThroughput: m.Target.Throughput, OriginalSize: m.Original.Size,
		OriginalIops: m.Original.Iops, OriginalType: m.Original.Type, OriginalThroughput: m.Original.Throughput,
		Progress: progress, Start: timestamp(m.Start), End: timestamp(m.End),
	}
}

func (s *Service) modifyVolume(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "VolumeId")
	if err != nil {
		return nil, err
	}
	var size, iops, throughput int
	for _, f := range []struct {
		name string
		dst  *int
	}{{"Size", &size}, {"Iops", &iops}, {"Throughput", &throughput}} {
		if *f.dst, err = optInt(p, f.name); err != nil {
			return nil, err
		}
	}
	typ := p.Get("VolumeType")
	if size == 0 && iops == 0 && throughput == 0 && typ == "" {
		return nil, missingParameter("Size, VolumeType, Iops or Throughput")
	}
	var out volumeModificationXML
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		v, err := volumes.get(tx, sc, id)
		if err != nil {
			return err
		}
		if v.Modification != nil && v.Modification.State != "completed" {
			return awsapi.BadRequest("IncorrectModificationState", "Cannot modify volume %s as it is currently being modified", id)
		}
		if v.State == volCreating {
			return awsapi.BadRequest("IncorrectState", "The volume '%s' is not 'available' or 'in-use'.", id)
		}
		orig := volumeSpec{Size: v.Size, Iops: v.Iops, Throughput: v.Throughput, Type: v.Type}
		target := orig
		if typ != "" && typ != v.Type {
			target = volumeSpec{Size: v.Size, Type: typ}
		}
		if size != 0 {
			if size < v.Size {
				return invalidParameterValue("New size cannot be smaller than existing size")
			}
			target.Size = size
		}
		if iops != 0 {
			target.Iops = iops
		}
		if throughput != 0 {
			target.Throughput = throughput
		}
		if err := target.check(); err != nil {
			return err
		}
		v.Size, v.Iops, v.Throughput, v.Type = target.Size, target.Iops, target.Throughput, target.Type
		v.Modification = &volumeModification{State: "modifying", Original: orig, Target: target, Start: sc.now}
		out = v.modificationXML()
		if err := s.schedule(tx, sc, sc.now.Add(s.cfg.VolumeDelay), evVolumeModified, id); err != nil {
			return err
		}
		return volumes.put(tx, sc, v)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Modification volumeModificationXML `xml:"volumeModification"`
	}{out}, nil
}

func (s *Service) volumeModified(tx *store.Tx, sc scope, id string, at time.Time) error {
	v, ok, err := volumes.find(tx, sc, id)
	if err != nil || !ok || v.Modification == nil || v.Modification.State != "modifying" {
		return err
	}
	v.Modification.State, v.Modification.End = "completed", at
	return volumes.put(tx, sc, v)
}

var volumeModificationFilters = filterSpec[volumeModificationXML]{
	"volume-id":            func(m volumeModificationXML) []string { return one(m.VolumeID) },
	"modification-state":   func(m volumeModificationXML) []string { return one(m.State) },
	"target-size":          func(m volumeModificationXML) []string { return intStr(m.TargetSize) },
	"target-iops":          func(m volumeModificationXML) []string { return intStr(m.TargetIops) },
	"target-volume-type":   func(m volumeModificationXML) []string { return one(m.TargetType) },
	"original-size":        func(m volumeModificationXML) []string { return intStr(m.OriginalSize) },
	"original-iops":        func(m volumeModificationXML) []string { return intStr(m.OriginalIops) },
	"original-volume-type": func(m volumeModificationXML) []string { return one(m.OriginalType) },
	"start-time":           func(m volumeModificationXML) []string { return one(m.Start) },
}

func (s *Service) describeVolumesModifications(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := p.List("VolumeId")
	pg, err := parsePage(p, pageLimits{min: 5, max: 500}, nil)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, volumeModificationFilters, nil)
	if err != nil {
		return nil, err
	}
	var out []volumeModificationXML
	next := ""
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		found, n, err := volumes.describe(tx, sc, ids, func(v *volume) bool {
			return v.Modification != nil && (match == nil || match(v.modificationXML()))
		}, pg)
		if err != nil {
			return err
		}
		next = n
		for _, v := range found {
			out = append(out, v.modificationXML())
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Modifications items[volumeModificationXML] `xml:"volumeModificationSet"`
		NextToken     string                       `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
