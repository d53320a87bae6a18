// random model file (seed 0, #23), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_23 {
	Layer L0 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 3, K: 96, C: 8, R: 3, S: 3, Y: 21, X: 36 }
	}
	Layer L1 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 2, K: 64, C: 32, R: 1, S: 1, Y: 26, X: 18 }
	}
}
