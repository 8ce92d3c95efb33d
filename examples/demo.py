"""Run the library's main job on the bundled example patients and print the results.

``make demo`` runs this file. For now it computes the RA activity scores and the
Cockcroft-Gault creatinine clearance of each example patient; the protocol screening report
will take its place.
"""

from __future__ import annotations

import json
from pathlib import Path

from activity_scores import cdai, cockcroft_gault, das28_crp, das28_esr, sdai, units

HERE = Path(__file__).parent


def main() -> None:
    """Print one block per example patient."""
    patients = json.loads((HERE / "ra_patients.json").read_text(encoding="utf-8"))
    for patient in patients:
        joints = {
            "tender_joints_28": patient["tender_joints_28"],
            "swollen_joints_28": patient["swollen_joints_28"],
        }
        globals_cm = {
            "patient_global_cm": units.vas_mm_to_cm(patient["patient_global_mm"]),
            "evaluator_global_cm": patient["evaluator_global_cm"],
        }
        scores = [
            das28_esr(
                **joints,
                esr_mm_per_h=patient["esr_mm_per_h"],
                patient_global_mm=patient["patient_global_mm"],
            ),
            das28_crp(
                **joints,
                crp_mg_per_l=patient["crp_mg_per_l"],
                patient_global_mm=patient["patient_global_mm"],
            ),
            cdai(**joints, **globals_cm),
            sdai(
                **joints,
                **globals_cm,
                crp_mg_per_dl=units.crp_mg_per_l_to_mg_per_dl(patient["crp_mg_per_l"]),
            ),
        ]
        crcl = cockcroft_gault(
            age_years=patient["age_years"],
            weight_kg=patient["weight_kg"],
            sex=patient["sex"],
            serum_creatinine_umol_per_l=patient["serum_creatinine_umol_per_l"],
        )
        print(f"{patient['id']}")
        for score in scores:
            category = score.category.value if score.category is not None else "-"
            print(f"  {score.instrument:<10} {score.rounded():>6.2f}  {category}")
        print(f"  {'CrCl (CG)':<10} {crcl.rounded(1):>6.1f}  mL/min ({crcl.variant})")


if __name__ == "__main__":
    main()
