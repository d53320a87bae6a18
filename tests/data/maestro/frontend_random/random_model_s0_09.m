// random model file (seed 0, #9), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_09 {
	Layer L0 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { K: 4, C: 8, R: 5, S: 5, Y: 6, X: 7 }
	}
	Layer L1 {
		Type: TRCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 4, K: 96, C: 64, R: 5, S: 1, Y: 36, X: 30 }
	}
}
