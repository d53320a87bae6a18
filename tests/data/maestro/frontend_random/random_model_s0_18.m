// random model file (seed 0, #18), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_18 {
	Layer L0 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { K: 32, C: 3, R: 5, S: 5, Y: 14, X: 16 }
	}
	Layer L1 {
		Type: NGCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 3, G: 4, K: 4, C: 8, R: 5, S: 5, Y: 26, X: 35 }
	}
}
